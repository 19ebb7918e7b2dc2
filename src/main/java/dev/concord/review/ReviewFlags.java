package dev.concord.review;

import dev.concord.agreement.Majority;
import dev.concord.base.Database;
import dev.concord.base.ReviewStatus;
import dev.concord.labeling.LabelsChanged;
import dev.concord.labeling.RoundsImported;
import dev.concord.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
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
    private final Database database;

    public ReviewFlags(EntityManager em, Database database) {
        this.em = em;
        this.database = database;
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

    /** What a round's labels do to its review: nothing, a new one, or other reasons (with the history's action). */
    record Change(boolean open, Set<Review.Reason> reasons, String action) {
        static final Change NONE = new Change(false, Set.of(), null);
    }

    /**
     * The one rule for both writers (labels made here, labels imported): from the round's labels
     * and its review (null: none; else its status and reasons), what changes.
     */
    static Change decide(Project project, List<String> labels, ReviewStatus status, Set<Review.Reason> had) {
        Set<Review.Reason> reasons = reasons(labels, project.overlap, project.agreementThreshold);
        if (had == null) return reasons.isEmpty() ? Change.NONE : new Change(true, reasons, "flagged");
        had.stream().filter(r -> !r.fromLabels()).forEach(reasons::add); // kept: staff asked for it
        if (status == ReviewStatus.RESOLVED || reasons.equals(had)) return Change.NONE;
        return new Change(false, reasons, reasons.isEmpty() ? "unflagged" : "reasons-changed");
    }

    private void update(Project project, long exampleId, int round) {
        List<String> labels = em.createQuery("select l.value from Label l where l.exampleId = ?1 and l.round = ?2", String.class)
                .setParameter(1, exampleId).setParameter(2, round).getResultList();
        Review review = Review.forExample(exampleId, round).orElse(null);
        Change change = review == null ? decide(project, labels, null, null) : decide(project, labels, review.status, review.reasons);
        if (change.action() == null) return;
        String named = new Review.ReasonsColumn().convertToDatabaseColumn(change.reasons());
        Instant now = Instant.now();
        if (change.open()) {
            review = new Review();
            review.projectId = project.id;
            review.exampleId = exampleId;
            review.round = round;
            review.status = ReviewStatus.OPEN;
            review.reasons = change.reasons();
            review.version = 1;
            review.createdAt = now;
            review.updatedAt = now;
            review.persist();
            ReviewEvent.record(review, null, change.action(), null, named);
            return;
        }
        review.reasons = change.reasons();
        review.version++;
        review.updatedAt = now;
        ReviewEvent.record(review, null, change.action(), null, named);
    }

    /**
     * Labels imported from elsewhere, a batch of rounds at a time: the same rule as {@link #onLabels},
     * read and written with a fixed number of statements per batch on the import's connection, so
     * the flags commit or roll back with the labels.
     */
    private record RoundKey(long exampleId, int round) {}

    private record Stored(long id, ReviewStatus status, Set<Review.Reason> reasons, int version) {}

    void onImported(@Observes RoundsImported event) {
        Project project = event.project();
        Connection c = event.connection();
        try {
            Map<RoundKey, Stored> reviews = new HashMap<>();
            List<Long> ids = event.rounds().stream().map(RoundsImported.Round::exampleId).toList();
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> part = ids.subList(from, Math.min(ids.size(), from + 500));
                try (PreparedStatement s = c.prepareStatement("select example_id, id, status, reasons, version, label_round from review"
                        + " where example_id in (" + "?,".repeat(part.size() - 1) + "?)")) {
                    for (int i = 0; i < part.size(); i++) s.setLong(i + 1, part.get(i));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            reviews.put(new RoundKey(rs.getLong(1), rs.getInt(6)), new Stored(rs.getLong(2), ReviewStatus.valueOf(rs.getString(3)),
                                    new Review.ReasonsColumn().convertToEntityAttribute(rs.getString(4)), rs.getInt(5)));
                        }
                    }
                }
            }
            OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
            try (PreparedStatement open = c.prepareStatement("insert into review (id, project_id, example_id, status, reasons, version,"
                    + " label_round, created_at, updated_at) values (?, ?, ?, ?, ?, 1, ?, ?, ?)");
                 PreparedStatement change = c.prepareStatement("update review set reasons = ?, version = ?, updated_at = ? where id = ?");
                 PreparedStatement history = c.prepareStatement("insert into review_event (id, review_id, actor_id, action, label_value,"
                         + " rationale, version, created_at) values (?, ?, null, ?, null, ?, ?, ?)")) {
                int opened = 0, changed = 0;
                for (RoundsImported.Round round : event.rounds()) {
                    Stored review = reviews.get(new RoundKey(round.exampleId(), round.round()));
                    Change decided = review == null ? decide(project, round.answers(), null, null)
                            : decide(project, round.answers(), review.status(), review.reasons());
                    if (decided.action() == null) continue;
                    String named = new Review.ReasonsColumn().convertToDatabaseColumn(decided.reasons());
                    long reviewId;
                    int version;
                    if (decided.open()) {
                        reviewId = database.ids("review_seq").next(c);
                        version = 1;
                        open.setLong(1, reviewId);
                        open.setLong(2, project.id);
                        open.setLong(3, round.exampleId());
                        open.setString(4, ReviewStatus.OPEN.name());
                        open.setString(5, named);
                        open.setInt(6, round.round());
                        open.setObject(7, now);
                        open.setObject(8, now);
                        open.addBatch();
                        opened++;
                    } else {
                        reviewId = review.id();
                        version = review.version() + 1;
                        change.setString(1, named);
                        change.setInt(2, version);
                        change.setObject(3, now);
                        change.setLong(4, reviewId);
                        change.addBatch();
                        changed++;
                    }
                    history.setLong(1, database.ids("review_event_seq").next(c));
                    history.setLong(2, reviewId);
                    history.setString(3, decided.action());
                    history.setString(4, named);
                    history.setInt(5, version);
                    history.setObject(6, now);
                    history.addBatch();
                }
                if (opened > 0) open.executeBatch();
                if (changed > 0) change.executeBatch();
                if (opened + changed > 0) history.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Review flags for imported labels could not be written", e);
        }
    }
}
