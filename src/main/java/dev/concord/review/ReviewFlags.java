package dev.concord.review;

import dev.concord.agreement.Majority;
import dev.concord.base.ReviewStatus;
import dev.concord.labeling.LabelsChanged;
import dev.concord.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps review flags in step with labels, inside the transaction that wrote them. An example's
 * current round is flagged when any label is {@code uncertain} (at once), or once it has its
 * {@code overlap} labels and they disagree, or the majority's share is under the project's
 * agreement threshold.
 */
@ApplicationScoped
public class ReviewFlags {
    private final EntityManager em;

    public ReviewFlags(EntityManager em) {
        this.em = em;
    }

    void onLabels(@Observes LabelsChanged event) {
        Project project = event.project();
        if (nothingToFlag(event.read(), project)) return;
        event.rounds().forEach((exampleId, known) -> {
            // The round as written in this transaction (a native query flushes pending changes first).
            int round = known != null ? known : ((Number) em.createNativeQuery("select label_round from example where id = ?1")
                    .setParameter(1, exampleId).getSingleResult()).intValue();
            update(project, exampleId, round);
        });
    }

    /**
     * True when the writer's read of the round already shows no flag can change: no review yet, no
     * 'uncertain', and fewer than {@code overlap} labels or complete ones that give no reason.
     */
    static boolean nothingToFlag(LabelsChanged.RoundRead read, Project project) {
        return read != null && !read.reviewed() && !read.anyUncertain() && (read.answers() < project.overlap
                || read.completeAnswers() != null && reasons(read.completeAnswers(), project.overlap, project.agreementThreshold).isEmpty());
    }

    /** The reasons an example's current round needs an SME, from its labels. Empty: none. */
    public static Set<Review.Reason> reasons(List<String> labels, int overlap, double threshold) {
        Set<Review.Reason> reasons = EnumSet.noneOf(Review.Reason.class);
        if (labels.size() >= overlap && labels.stream().distinct().count() > 1) reasons.add(Review.Reason.DISAGREEMENT);
        if (labels.contains(Project.UNCERTAIN)) reasons.add(Review.Reason.UNCERTAIN);
        if (labels.size() >= overlap && !labels.isEmpty() && majorityShare(labels) < threshold) reasons.add(Review.Reason.LOW_AGREEMENT);
        return reasons;
    }

    /** The share of labels equal to the most frequent label. */
    public static double majorityShare(List<String> labels) {
        return Majority.share(labels);
    }

    private void update(Project project, long exampleId, int round) {
        List<String> labels = em.createQuery("select l.value from Label l where l.exampleId = ?1 and l.round = ?2", String.class)
                .setParameter(1, exampleId).setParameter(2, round).getResultList();
        Set<Review.Reason> reasons = reasons(labels, project.overlap, project.agreementThreshold);
        Review review = Review.forExample(exampleId, round).orElse(null);
        if (review != null) review.reasons.stream().filter(r -> !r.fromLabels()).forEach(reasons::add); // kept: staff asked for it
        String named = new Review.ReasonsColumn().convertToDatabaseColumn(reasons);
        Instant now = Instant.now();
        if (review == null) {
            if (reasons.isEmpty()) return;
            review = new Review();
            review.projectId = project.id;
            review.exampleId = exampleId;
            review.round = round;
            review.status = ReviewStatus.OPEN;
            review.reasons = reasons;
            review.version = 1;
            review.createdAt = now;
            review.updatedAt = now;
            review.persist();
            ReviewEvent.record(review, null, "flagged", null, named);
            return;
        }
        if (review.status == ReviewStatus.RESOLVED || reasons.equals(review.reasons)) return;
        review.reasons = reasons;
        review.version++;
        review.updatedAt = now;
        ReviewEvent.record(review, null, reasons.isEmpty() ? "unflagged" : "reasons-changed", null, named);
    }
}
