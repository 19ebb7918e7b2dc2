package dev.concord.review;

import dev.concord.base.DomainException;
import dev.concord.base.ReviewStatus;
import dev.concord.example.Example;
import dev.concord.example.QueueEntry;
import dev.concord.project.Project;
import dev.concord.user.CurrentUser;
import dev.concord.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The SME queue, discussion, race-safe resolution, what labelers may learn, and consistency rounds. */
@ApplicationScoped
public class ReviewService {
    private final EntityManager em;
    private final CurrentUser me;

    public ReviewService(EntityManager em, CurrentUser me) {
        this.em = em;
        this.me = me;
    }

    public record LabelInfo(String labeler, String label, String comment, Integer guideVersion, Instant createdAt, int round, Long durationMs) {
        /** Time spent, in whole seconds, for people to read. */
        public String seconds() {
            return durationMs == null ? "" : Math.round(durationMs / 1000.0) + " s";
        }
    }

    public record CommentInfo(String author, String text, Instant createdAt) {}

    public record Item(String key, String status, List<String> reasons, int version, int round, List<LabelInfo> labels,
                       String resolution, String rationale, String resolvedBy, Instant resolvedAt, double majorityShare,
                       int distinctLabels) {
        public long majorityPercent() {
            return Math.round(100 * majorityShare);
        }
    }

    /** The reviews of a project, filtered, most divided first when asked. */
    public List<Item> list(Project project, ReviewStatus status, Review.Reason reason, Set<String> pair, boolean mostDividedFirst) {
        List<Review> reviews = Review.list("projectId = ?1 and status = ?2 order by updatedAt desc", project.id, status);
        List<Item> items = new ArrayList<>();
        for (Review r : reviews) {
            if (r.reasons.isEmpty() && r.status == ReviewStatus.OPEN) continue;
            if (reason != null && !r.reasons.contains(reason)) continue;
            Item item = item(r);
            if (pair != null && !item.labels().stream().map(LabelInfo::label).toList().containsAll(pair)) continue;
            items.add(item);
        }
        if (mostDividedFirst) {
            items.sort((a, b) -> a.majorityShare() != b.majorityShare() ? Double.compare(a.majorityShare(), b.majorityShare())
                    : Integer.compare(b.distinctLabels(), a.distinctLabels()));
        }
        return items;
    }

    public Map<String, Long> counts(Project project) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("open", Review.count("projectId = ?1 and status = ?2 and reasons <> ?3", project.id, ReviewStatus.OPEN,
                EnumSet.noneOf(Review.Reason.class)));
        counts.put("resolved", Review.count("projectId = ?1 and status = ?2", project.id, ReviewStatus.RESOLVED));
        for (Review.Reason reason : Review.Reason.values()) {
            // The column lists the reasons' names; no name is part of another.
            Number n = (Number) em.createNativeQuery("select count(*) from review where project_id = ?1 and status = ?2 and reasons like ?3")
                    .setParameter(1, project.id).setParameter(2, ReviewStatus.OPEN.name()).setParameter(3, "%" + reason.apiName() + "%")
                    .getSingleResult();
            counts.put(reason.apiName(), n.longValue());
        }
        return counts;
    }

    public Review find(Project project, String key) {
        Example example = Example.require(project.id, key);
        return Review.forExample(example.id, example.labelRound)
                .orElseThrow(() -> new DomainException.NotFound("'" + key + "' is not flagged for review."));
    }

    public Item item(Review r) {
        Example example = em.find(Example.class, r.exampleId);
        List<LabelInfo> labels = labels(example.id, r.round);
        List<String> values = labels.stream().map(LabelInfo::label).toList();
        String resolvedBy = r.resolvedBy == null ? null : User.<User>findById(r.resolvedBy).username;
        return new Item(example.key, r.status.name().toLowerCase(), r.reasonList(), r.version, r.round, labels, r.resolution,
                r.rationale, resolvedBy, r.resolvedAt, ReviewFlags.majorityShare(values), (int) values.stream().distinct().count());
    }

    List<LabelInfo> labels(long exampleId, int round) {
        List<Object[]> rows = em.createQuery("""
                select u.username, l.value, l.comment, l.guideVersion, l.createdAt, l.round, l.durationMs
                from Label l, User u where u.id = l.labelerId and l.exampleId = ?1 and l.round = ?2 order by l.createdAt""", Object[].class)
                .setParameter(1, exampleId).setParameter(2, round).getResultList();
        return rows.stream().map(r -> new LabelInfo((String) r[0], (String) r[1], (String) r[2], (Integer) r[3], (Instant) r[4],
                (Integer) r[5], (Long) r[6])).toList();
    }

    public List<CommentInfo> comments(Review review) {
        List<Object[]> rows = em.createQuery("""
                select u.username, c.body, c.createdAt from ReviewComment c, User u
                where u.id = c.authorId and c.reviewId = ?1 order by c.createdAt""", Object[].class)
                .setParameter(1, review.id).getResultList();
        return rows.stream().map(r -> new CommentInfo((String) r[0], (String) r[1], (Instant) r[2])).toList();
    }

    /**
     * The review whose discussion the caller may read and join. An SME: the example's current review.
     * A labeler: only a resolved review of a round they labeled. Until then a labeler gets the same
     * 404 whether the others agreed (no review) or disagreed (an open one), so nothing they receive
     * depends on anyone's answer but their own.
     */
    public Review discussion(Project project, String key) {
        if (me.has(User.Role.SME)) return find(project, key);
        Example example = Example.require(project.id, key);
        return resolvedFor(example.id, me.id())
                .orElseThrow(() -> new DomainException.NotFound("No resolved review of '" + key + "' that you labeled; "
                        + "its outcome and discussion open to you once an SME resolves it."));
    }

    /** The newest resolved review of the example in a round the labeler gave a label in. */
    private java.util.Optional<Review> resolvedFor(long exampleId, long labelerId) {
        return em.createQuery("""
                        select r from Review r where r.exampleId = ?1 and r.status = ?2
                        and exists (select 1 from Label l where l.exampleId = r.exampleId and l.round = r.round and l.labelerId = ?3)
                        order by r.round desc""", Review.class)
                .setParameter(1, exampleId).setParameter(2, ReviewStatus.RESOLVED).setParameter(3, labelerId)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** SMEs, and (once it is resolved) the labelers of the example, may write in its thread. */
    @Transactional
    public CommentInfo comment(Project project, String key, String text) {
        Review review = discussion(project, key);
        if (text == null || text.isBlank() || text.length() > 4000) {
            throw new DomainException.BadInput("A comment is 1–4000 characters.");
        }
        ReviewComment c = new ReviewComment();
        c.reviewId = review.id;
        c.authorId = me.id();
        c.body = text.strip();
        c.createdAt = Instant.now();
        c.persist();
        return new CommentInfo(me.username(), c.body, c.createdAt);
    }

    /**
     * Resolves (or re-resolves) a review. The caller names the version they saw; if it changed
     * meanwhile the update matches no row and the caller gets a 409 saying what changed.
     * A conditional UPDATE, so it is safe across threads and app instances alike.
     */
    @Transactional
    public Review resolve(Project project, String key, String label, String rationale, int version) {
        if (!project.accepts(label)) {
            throw new DomainException.BadInput(project.notALabel(label));
        }
        if (rationale != null && rationale.length() > 10_000) throw new DomainException.BadInput("The rationale has at most 10,000 characters.");
        Review review = find(project, key);
        Instant now = Instant.now();
        int updated = em.createQuery("""
                update Review r set r.status = ?1, r.resolution = ?2, r.rationale = ?3, r.resolvedBy = ?4, r.resolvedAt = ?5,
                       r.updatedAt = ?5, r.version = r.version + 1
                where r.id = ?6 and r.version = ?7""")
                .setParameter(1, ReviewStatus.RESOLVED).setParameter(2, label).setParameter(3, rationale == null ? null : rationale.strip())
                .setParameter(4, me.id()).setParameter(5, now).setParameter(6, review.id).setParameter(7, version).executeUpdate();
        em.refresh(review);
        if (updated == 0) {
            Map<String, Object> current = new LinkedHashMap<>();
            current.put("version", review.version);
            current.put("status", review.status.name().toLowerCase());
            current.put("resolution", review.resolution);
            current.put("resolvedBy", review.resolvedBy == null ? null : User.<User>findById(review.resolvedBy).username);
            current.put("reasons", review.reasonList());
            throw new DomainException.Conflict("This review changed since you opened it (you saw version " + version
                    + ", it is now " + review.version + "). Look at what changed and resolve again if you still disagree.", List.of(current));
        }
        ReviewEvent.record(review, me.id(), "resolved", label, rationale);
        return review;
    }

    public List<ReviewEvent> history(Review review) {
        return ReviewEvent.list("reviewId = ?1 order by createdAt, id", review.id);
    }

    /**
     * What a labeler learns of a resolved example they labeled: their own answer, the final one, why,
     * every label of that round, and the discussion.
     */
    public record Outcome(String key, int round, String myAnswer, String resolution, String rationale, String resolvedBy,
                          Instant resolvedAt, List<LabelInfo> labels, List<CommentInfo> discussion) {}

    Outcome outcome(Review review) {
        Item item = item(review);
        String mine = item.labels().stream().filter(l -> l.labeler().equals(me.username())).map(LabelInfo::label).findFirst().orElse(null);
        return new Outcome(item.key(), item.round(), mine, item.resolution(), item.rationale(), item.resolvedBy(), item.resolvedAt(),
                item.labels(), comments(review));
    }

    /** What a labeler may learn about an example they labeled: only once it is resolved. */
    public Outcome outcomeFor(Project project, String key) {
        Example example = Example.require(project.id, key);
        // Same answer whether unlabeled or unresolved: nothing leaks before the resolution.
        return outcome(resolvedFor(example.id, me.id())
                .orElseThrow(() -> new DomainException.NotFound("No resolved outcome for '" + key + "' that you labeled.")));
    }

    /** Resolved examples the caller labeled (in the round that was resolved), newest first. */
    public List<Outcome> myResolved(Project project) {
        return myResolvedReviews(project).stream().map(this::outcome).toList();
    }

    /** The reviews behind {@link #myResolved}: resolved, of a round the caller gave a label in, newest resolution first. */
    List<Review> myResolvedReviews(Project project) {
        return em.createQuery("""
                select r from Review r where r.projectId = ?1 and r.status = ?2
                and exists (select 1 from Label l where l.exampleId = r.exampleId and l.round = r.round and l.labelerId = ?3)
                order by r.resolvedAt desc""", Review.class)
                .setParameter(1, project.id).setParameter(2, ReviewStatus.RESOLVED).setParameter(3, me.id()).getResultList();
    }

    public record Round(int examples, List<String> keys) {}

    /**
     * A consistency round: the chosen examples get a fresh round of labels (under the current
     * guide); earlier labels and reviews stay as they were, in their own round. With {@code dryRun}
     * nothing changes and the answer says which examples the round would re-queue (possibly none),
     * so a page can show the count before the SME confirms.
     */
    @Transactional
    public Round startRound(Project project, String which, Integer sampleSize, Long seed, List<String> keys, boolean dryRun) {
        List<Example> chosen = chooseForRound(project, which, sampleSize, seed, keys);
        if (dryRun) return new Round(chosen.size(), chosen.stream().map(e -> e.key).toList());
        if (chosen.isEmpty()) throw new DomainException.BadInput("No example matches; nothing was re-queued.");
        for (Example e : chosen) {
            // Under the example's lock, as the queue writes leases and labels (LabelQueue).
            QueueEntry entry = QueueEntry.lock(e);
            em.createQuery("delete from Lease l where l.exampleId = ?1").setParameter(1, e.id).executeUpdate();
            e.labelRound++;
            entry.labelRound = e.labelRound;
            entry.roundLabels = 0;
            entry.taken = 0;
        }
        return new Round(chosen.size(), chosen.stream().map(e -> e.key).toList());
    }

    private List<Example> chooseForRound(Project project, String which, Integer sampleSize, Long seed, List<String> keys) {
        List<Example> chosen = new ArrayList<>();
        if (keys != null && !keys.isEmpty()) {
            List<String> unknown = new ArrayList<>();
            for (String key : keys) Example.findByKey(project.id, key).ifPresentOrElse(chosen::add, () -> unknown.add(key));
            if (!unknown.isEmpty()) throw new DomainException.BadInput("Unknown example keys: " + unknown, unknown);
            return chosen;
        }
        if (which == null || !List.of("disputed", "sample", "both").contains(which)) {
            throw new DomainException.BadInput("Choose the examples: 'disputed', 'sample' or 'both', or list their keys.");
        }
        if (!which.equals("disputed") && (sampleSize == null || sampleSize < 1)) {
            throw new DomainException.BadInput("Give a sampleSize of at least 1 for a random sample.");
        }
        if (!which.equals("sample")) {
            chosen.addAll(em.createQuery("""
                    select e from Example e where e.projectId = ?1 and exists
                    (select 1 from Review r where r.exampleId = e.id and r.round = e.labelRound and r.reasons <> ?2)
                    order by e.position""", Example.class).setParameter(1, project.id)
                    .setParameter(2, EnumSet.noneOf(Review.Reason.class)).getResultList());
        }
        if (!which.equals("disputed")) {
            List<Example> pool = em.createQuery("""
                    select e from Example e where e.projectId = ?1
                    and exists (select 1 from QueueEntry q where q.exampleId = e.id and q.roundLabels > 0) order by e.position""", Example.class)
                    .setParameter(1, project.id).getResultList();
            pool.removeAll(chosen);
            Collections.shuffle(pool, new Random(seed == null ? 42 : seed));
            chosen.addAll(pool.subList(0, Math.min(sampleSize, pool.size())));
        }
        return chosen;
    }

    /** What sending examples to review did: flagged (now or already), or left because an SME has settled them. */
    public record ModelFlags(List<String> flagged, List<String> alreadyResolved) {}

    /**
     * Puts examples in the SME's queue with the reason {@code model} (a model contradicts their
     * released label): the review of each one's current round gets the reason, or is opened with
     * it. An example an SME has already resolved in that round is left as it is. Unknown keys: 400,
     * nothing flagged.
     */
    @Transactional
    public ModelFlags flagForModel(Project project, java.util.Collection<String> keys) {
        List<Example> examples = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String key : keys) Example.findByKey(project.id, key).ifPresentOrElse(examples::add, () -> unknown.add(key));
        if (!unknown.isEmpty()) throw new DomainException.BadInput("Unknown example keys: " + unknown, unknown);
        List<String> flagged = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        Instant now = Instant.now();
        for (Example example : examples) {
            QueueEntry.lock(example); // as every writer of the example's round does
            Review review = Review.forExample(example.id, example.labelRound).orElse(null);
            if (review == null) {
                review = new Review();
                review.projectId = project.id;
                review.exampleId = example.id;
                review.round = example.labelRound;
                review.status = ReviewStatus.OPEN;
                review.reasons = EnumSet.of(Review.Reason.MODEL);
                review.version = 1;
                review.createdAt = now;
                review.updatedAt = now;
                review.persist();
                ReviewEvent.record(review, me.id(), "flagged", null, Review.Reason.MODEL.apiName());
            } else if (review.status == ReviewStatus.RESOLVED) {
                resolved.add(example.key);
                continue;
            } else if (!review.reasons.contains(Review.Reason.MODEL)) {
                EnumSet<Review.Reason> reasons = EnumSet.of(Review.Reason.MODEL);
                reasons.addAll(review.reasons);
                review.reasons = reasons;
                review.version++;
                review.updatedAt = now;
                ReviewEvent.record(review, me.id(), "reasons-changed", null, new Review.ReasonsColumn().convertToDatabaseColumn(reasons));
            }
            flagged.add(example.key);
        }
        return new ModelFlags(flagged, resolved);
    }

    /** The open queue's keys in the order the queue page lists them (most divided first). */
    public List<String> openKeys(Project project) {
        return list(project, ReviewStatus.OPEN, null, null, true).stream().map(Item::key).toList();
    }
}
