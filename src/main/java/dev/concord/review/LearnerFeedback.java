package dev.concord.review;

import dev.concord.project.Project;
import dev.concord.project.SettledDisputes;
import dev.concord.user.CurrentUser;
import dev.concord.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a labeler learns from their settled disputes: the outcomes {@link ReviewService#myResolved}
 * gives, their match rate per guide version, and which resolutions are news to them. "Seen" lives in
 * the {@code feedback_seen} table, so every app instance agrees on it.
 */
@ApplicationScoped
class LearnerFeedback implements SettledDisputes {
    private final EntityManager em;
    private final ReviewService reviews;
    private final CurrentUser me;

    LearnerFeedback(EntityManager em, ReviewService reviews, CurrentUser me) {
        this.em = em;
        this.reviews = reviews;
        this.me = me;
    }

    /** One resolved example on the feedback page; {@code news} when it was settled since the last visit. */
    record Entry(ReviewService.Outcome outcome, boolean news) {
        public boolean matched() {
            return outcome.myAnswer() != null && outcome.myAnswer().equals(outcome.resolution());
        }
    }

    record Feedback(List<Entry> entries, List<MatchRate> matchRates, long news) {}

    /** The caller's feedback for a project; everything shown is marked seen. */
    @Transactional
    Feedback open(Project project) {
        List<Review> resolved = reviews.myResolvedReviews(project);
        Map<Long, Integer> seen = seenVersions(project);
        List<Entry> entries = resolved.stream().map(r -> new Entry(reviews.outcome(r), isNews(r, seen))).toList();
        List<Review> unseen = resolved.stream().filter(r -> isNews(r, seen)).toList();
        if (!unseen.isEmpty()) {
            // The caller's own row, locked: two tabs opening the page at once take turns instead of
            // inserting the same (user, review) row twice.
            em.find(User.class, me.id(), LockModeType.PESSIMISTIC_WRITE);
            Map<Long, Integer> now = seenVersions(project);
            for (Review r : unseen) {
                if (now.containsKey(r.id)) {
                    em.createNativeQuery("update feedback_seen set review_version = ?1 where user_id = ?2 and review_id = ?3")
                            .setParameter(1, r.version).setParameter(2, me.id()).setParameter(3, r.id).executeUpdate();
                } else {
                    em.createNativeQuery("insert into feedback_seen (user_id, review_id, review_version) values (?1, ?2, ?3)")
                            .setParameter(1, me.id()).setParameter(2, r.id).setParameter(3, r.version).executeUpdate();
                }
            }
        }
        List<ReviewService.Outcome> outcomes = entries.stream().map(Entry::outcome).toList();
        return new Feedback(entries, MatchRate.perGuideVersion(outcomes, me.username()), unseen.size());
    }

    @Override
    public long newlySettledFor(Project project) {
        if (!me.isLabeler()) return 0;
        Map<Long, Integer> seen = seenVersions(project);
        return reviews.myResolvedReviews(project).stream().filter(r -> isNews(r, seen)).count();
    }

    /** Settled since the caller last looked: never seen, or seen at an earlier version (resolved again since). */
    private static boolean isNews(Review r, Map<Long, Integer> seen) {
        return !Integer.valueOf(r.version).equals(seen.get(r.id));
    }

    /** Review id → the version the caller last saw, for the project's reviews. */
    private Map<Long, Integer> seenVersions(Project project) {
        List<Object[]> rows = em.createNativeQuery("""
                select s.review_id, s.review_version from feedback_seen s join review r on r.id = s.review_id
                where s.user_id = ?1 and r.project_id = ?2""", Object[].class)
                .setParameter(1, me.id()).setParameter(2, project.id).getResultList();
        Map<Long, Integer> seen = new HashMap<>();
        for (Object[] row : rows) seen.put(((Number) row[0]).longValue(), ((Number) row[1]).intValue());
        return seen;
    }
}
