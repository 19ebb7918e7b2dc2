package dev.concord.project;

import java.time.Instant;
import java.util.List;

/** A project as the API shows it. */
public record ProjectView(long id, String slug, String name, String modality, List<String> labels,
                          List<LabelView> labelSet, int overlap, double agreementThreshold, boolean restricted,
                          List<String> members, int guideVersion, ProjectService.Counts counts, Instant createdAt) {

    /** A label with its code and the number key that selects it on the labeling page. */
    public record LabelView(String name, String code, String key) {}

    static ProjectView of(Project p, ProjectService.Counts counts, List<String> members, int guideVersion) {
        List<LabelView> set = p.labels.stream()
                .map(l -> new LabelView(l.name, l.code, l.position < 9 ? String.valueOf(l.position + 1) : null)).toList();
        return new ProjectView(p.id, p.slug, p.name, p.modality.apiName(), p.labelNames(), set, p.overlap,
                p.agreementThreshold, p.restricted, members, guideVersion, counts, p.createdAt);
    }
}
