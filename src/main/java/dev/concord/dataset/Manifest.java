package dev.concord.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a version is: written as manifest.json next to its files, kept with the version, and
 * answered by the release and list endpoints. Training code reads these field names (API.md,
 * examples/python/pull_and_train.py): they, their order and their nesting are the file's format,
 * and every manifest released so far reads back into this record.
 *
 * @param consensus the strategy's name, as in the request
 * @param examples  the released examples
 * @param leftOut   examples not released, by reason ("incomplete", "tie", "below-threshold", "uncertain")
 * @param files     each file's SHA-256 and size; manifest.json lists the data files, the stored
 *                  manifest (list and release answers) manifest.json too
 */
public record Manifest(String project, int version, Instant created, String createdBy, int guideVersion, String consensus,
                       DatasetSpec spec, int examples, Map<String, Map<String, Long>> countsPerSplit, Map<String, Long> leftOut,
                       Agreement agreement, Lineage lineage, Diff diff, Map<String, FileInfo> files) {

    /** @param meanMajorityShare mean agreement of the released examples; null if none has one */
    public record Agreement(Double meanMajorityShare, int resolvedBySme) {}

    public record Lineage(Map<String, Long> labelsByLabeler, int resolutionsUsed) {}

    /** Changes since {@code previousVersion}; a first version has none, and only its null previousVersion. */
    public record Diff(Integer previousVersion,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Keys added,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Keys removed,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Relabeled relabeled) {
        static Diff first() {
            return new Diff(null, null, null, null);
        }
    }

    /** How many examples, and the first of them by key. */
    public record Keys(long count, List<String> keys) {}

    public record Relabeled(long count, List<Change> items) {}

    /** @param reason "new resolution" or "new labels" */
    public record Change(String key, String from, String to, String reason) {}

    public record FileInfo(String sha256, long size) {}

    /** This manifest with one more file listed. */
    Manifest withFile(String name, FileInfo info) {
        Map<String, FileInfo> all = new LinkedHashMap<>(files);
        all.put(name, info);
        return new Manifest(project, version, created, createdBy, guideVersion, consensus, spec, examples, countsPerSplit, leftOut,
                agreement, lineage, diff, all);
    }
}
