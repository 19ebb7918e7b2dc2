package dev.concord.labeling;

import dev.concord.base.ConcordConfig;
import dev.concord.base.Database;
import dev.concord.base.DomainException;
import dev.concord.base.IdBlocks;
import dev.concord.base.ReviewStatus;
import dev.concord.example.Example;
import dev.concord.example.QueueEntry;
import dev.concord.project.Project;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hands out work and takes labels. Each example gets exactly {@code overlap} different labelers
 * per round; nobody labels an example twice in a round; examples closest to completion come
 * first (so agreement can be measured early), then a stable shuffled order; a handed-out example
 * is leased and returns to the pool when the lease expires.
 *
 * <p>Correct across threads and app instances because every decision that could exceed the
 * overlap is taken while holding the example's lock (the row lock of its {@link QueueEntry},
 * {@code SELECT ... FOR UPDATE}) and re-checked under it: the count of labels and live leases is
 * read after the lock is granted.
 *
 * <p>The scan that finds candidates reads {@code example_queue.taken}, the example's labels of the
 * current round plus its lease rows, kept under the same lock by every writer of labels and
 * leases. A leased example therefore sits at a higher level of the queue instead of being tested
 * row by row. An expired lease keeps its slot until a sweep deletes it ({@link #sweep}: at most a
 * second after expiry on a busy instance, and at once when a labeler would otherwise get nothing).
 */
@ApplicationScoped
public class LabelQueue {
    /**
     * Candidates read per statement: the first page is small, since its first candidate is nearly
     * always leased (the scan tests every row of a page before the first is tried); later pages,
     * read only when others took the first ones, are larger.
     */
    static final int FIRST_PAGE = 4, PAGE = 32;
    /** Bound on the examples looked at per level and request, so a request never scans a whole project. */
    static final int MAX_SCAN = 20_000;

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final Duration leaseTime;
    private final Event<LabelsChanged> labelsChanged;
    private final Database database;

    public LabelQueue(EntityManager em, AgroalDataSource dataSource, ConcordConfig config,
                      Event<LabelsChanged> labelsChanged, Database database) {
        this.em = em;
        this.database = database;
        this.dataSource = dataSource;
        this.leaseTime = config.queue().lease();
        this.labelsChanged = labelsChanged;
    }

    /** An example handed to a labeler, with the guide version in force (read in the same statement). */
    public record Next(Example example, int guideVersion) {}

    /**
     * The example's columns a labeler sees, read with plain JDBC into a transient (unmanaged)
     * Example: the hot path of labeling runs its handful of statements without Hibernate's
     * per-query and per-entity work (see BENCHMARKS.md).
     */
    private static final String CONTENT = "e.id, e.ex_key, e.payload, e.media_sha256, e.media_type, e.label_round";

    private static Example content(ResultSet rs) throws SQLException {
        Example e = new Example();
        e.id = rs.getLong(1);
        e.key = rs.getString(2);
        e.payload = rs.getString(3);
        e.mediaSha256 = rs.getString(4);
        e.mediaType = rs.getString(5);
        e.labelRound = rs.getInt(6);
        return e;
    }

    /**
     * The next example for the labeler: the one they hold a live lease on, else a newly leased one.
     * Runs in the caller's transaction (the labeling API's group commit).
     */
    public Optional<Next> nextFor(Project project, long labelerId, Set<String> skip) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement held = c.prepareStatement("select " + CONTENT + """
                    , l.id as lease_id, (select max(g.version) from guide_version g where g.project_id = e.project_id)
                    from lease l join example e on e.id = l.example_id
                    where l.labeler_id = ? and e.project_id = ? and l.label_round = e.label_round and l.expires_at > ?
                    order by l.expires_at""")) {
                bind(held, labelerId, project.id, at(now));
                try (ResultSet rs = held.executeQuery()) {
                    while (rs.next()) {
                        if (skip.contains(rs.getString(2))) continue;
                        Example e = content(rs);
                        long leaseId = rs.getLong(7);
                        update(c, "update lease set expires_at = ? where id = ?", at(now.plus(leaseTime)), leaseId);
                        return Optional.of(new Next(e, rs.getInt(8)));
                    }
                }
            }
            if (sweepDue(now)) sweep(c, now);
            Optional<Next> leased = scan(c, project, labelerId, skip, now);
            // Nothing free: slots held by expired leases that no sweep has given back yet are the
            // only work that may be left, so give them back now and look once more.
            if (leased.isEmpty() && sweep(c, now) > 0) leased = scan(c, project, labelerId, skip, now);
            return leased;
        } catch (SQLException e) {
            throw new PersistenceException("Could not hand out the next example", e);
        }
    }

    /**
     * Closest to completion first: per level of taken (labels and leases of the current round), the
     * eligible examples (not labeled by me, not resolved) in the stable shuffled order. H2 and
     * PostgreSQL read ix_example_queue in order (ORDER BY spells the full index prefix), test each
     * row with point lookups and stop after a page. One plain SELECT per level rather than a UNION
     * ALL of the levels: H2 caches the parsed form of a SELECT per connection, never that of a UNION.
     * Each candidate is locked on its own with FOR UPDATE SKIP LOCKED, passing over a row another
     * labeler is being served right now, and re-checked with a fresh statement under the lock.
     */
    private Optional<Next> scan(Connection c, Project project, long labelerId, Set<String> skip, Instant now) throws SQLException {
        for (int level = project.overlap - 1; level >= 0; level--) {
            for (int offset = 0, size = FIRST_PAGE; offset <= MAX_SCAN; offset += size, size = PAGE) {
                List<Candidate> page = page(c, project, level, labelerId, offset, size);
                for (Candidate candidate : page) {
                    if (skip.contains(candidate.key())) continue;
                    Optional<Next> leased = tryLease(c, candidate.id(), level, project.overlap, labelerId, now);
                    if (leased.isPresent()) return leased;
                }
                if (page.size() < size) break;
            }
        }
        return Optional.empty();
    }

    private record Candidate(long id, String key) {}

    /** SQL literals of a settled round and of the "uncertain" answer. */
    private static final String RESOLVED = ReviewStatus.RESOLVED.sql();
    private static final String UNCERTAIN = "'" + Project.UNCERTAIN + "'";

    private static final String ELIGIBLE = """
            select q.example_id, q.ex_key from example_queue q
            where q.project_id = ? and q.taken = ?
              and not exists (select 1 from label x where x.example_id = q.example_id and x.labeler_id = ? and x.label_round = q.label_round)
              and not exists (select 1 from review r where r.example_id = q.example_id and r.label_round = q.label_round and r.status = %s)
            order by q.project_id, q.taken, q.shuffle offset ? rows fetch next ? rows only""".formatted(RESOLVED);

    /** tryLease's re-check of an example under its lock. */
    private static final String LEASE_CHECK = ("select " + CONTENT + """
            ,  q.taken,
              (select count(*) from label x where x.example_id = e.id and x.label_round = e.label_round and x.labeler_id <> ?),
              (select count(*) from lease l where l.example_id = e.id and l.label_round = e.label_round and l.labeler_id <> ? and l.expires_at > ?),
              (select count(*) from label x where x.example_id = e.id and x.label_round = e.label_round and x.labeler_id = ?),
              (select count(*) from review r where r.example_id = e.id and r.label_round = e.label_round and r.status = %1$s),
              (select count(*) from lease l where l.example_id = e.id and l.labeler_id = ?),
              (select max(g.version) from guide_version g where g.project_id = e.project_id)
            from example e join example_queue q on q.example_id = e.id where e.id = ?""").formatted(RESOLVED);

    /** What the label writer reads of the example's round under its lock. */
    private static final String ROUND_UNDER_LOCK = """
            select q.label_round,
              (select count(*) from review r where r.example_id = q.example_id and r.label_round = q.label_round and r.status = %1$s),
              (select count(*) from review r where r.example_id = q.example_id and r.label_round = q.label_round),
              (select max(x.id) from label x where x.example_id = q.example_id and x.labeler_id = ? and x.label_round = q.label_round),
              (select max(x.label_value) from label x where x.example_id = q.example_id and x.labeler_id = ? and x.label_round = q.label_round),
              (select count(*) from label x where x.example_id = q.example_id and x.label_round = q.label_round and x.labeler_id <> ?),
              (select count(*) from label x where x.example_id = q.example_id and x.label_round = q.label_round and x.labeler_id <> ?
                                                  and x.label_value = %2$s),
              (select count(*) from lease l where l.example_id = q.example_id and l.label_round = q.label_round and l.labeler_id <> ? and l.expires_at > ?),
              (select count(*) from lease l where l.example_id = q.example_id and l.labeler_id = ?),
              (select max(g.version) from guide_version g where g.project_id = q.project_id)
            from example_queue q where q.example_id = ?""".formatted(RESOLVED, UNCERTAIN);

    /** A page of eligible examples of one level. */
    private static List<Candidate> page(Connection c, Project project, int level, long labelerId, int offset, int size) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ELIGIBLE)) {
            bind(s, project.id, level, labelerId, offset, size);
            List<Candidate> rows = new ArrayList<>(size);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) rows.add(new Candidate(rs.getLong(1), rs.getString(2)));
            }
            return rows;
        }
    }

    /**
     * Locks the example (skipping it when another transaction holds it), re-checks it with a fresh
     * statement under the lock and leases it to the labeler: the example with the guide version in
     * force, or empty when it was taken, is full or is no longer eligible.
     */
    private Optional<Next> tryLease(Connection c, long exampleId, int level, int overlap, long labelerId, Instant now) throws SQLException {
        if (!lock(c, exampleId, true)) return Optional.empty();
        // Read after the lock is granted: the counts may have changed since the page was read.
        try (PreparedStatement s = c.prepareStatement(LEASE_CHECK)) {
            bind(s, labelerId, labelerId, at(now), labelerId, labelerId, exampleId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Example e = content(rs);
                int taken = rs.getInt(7);
                long others = rs.getLong(8) + rs.getLong(9);
                boolean mine = rs.getLong(10) > 0;
                boolean resolved = rs.getLong(11) > 0;
                boolean replaceMine = rs.getLong(12) > 0;
                int guideVersion = rs.getInt(13);
                if (taken != level || others >= overlap || mine || resolved) return Optional.empty();
                // An expired lease of mine, or one from an earlier round, is replaced by a fresh one.
                newLease(c, exampleId, labelerId, e.labelRound, now, replaceMine);
                return Optional.of(new Next(e, guideVersion));
            }
        }
    }

    /** Gives up the caller's lease on an example (skip), so others can take it. */
    @Transactional
    public void release(Example example, long labelerId) {
        try (Connection c = dataSource.getConnection()) {
            lock(c, example.id, false);
            dropLeases(c, example.id, labelerId);
        } catch (SQLException e) {
            throw new PersistenceException("Could not give up the lease", e);
        }
    }

    public record Stored(Label label, boolean created) {}

    /**
     * Stores the caller's label for the example's current round, or replaces it (idempotent).
     * Refused when the example already has its labelers, or once it is resolved.
     *
     * <p>A handful of statements: the example's row lock, one read of everything the decision
     * needs (taken under the lock), the label write, the example's count, the lease. Runs in the
     * caller's transaction (the labeling API's group commit), after {@link #requireLabel}. Every
     * refusal ({@link DomainException}) comes before the first write, so a refused label has
     * written nothing and the transaction can go on with other work.
     */
    public Stored submit(Project project, String key, long labelerId, String value, String comment, Long durationMs) {
        try (Connection c = dataSource.getConnection()) {
            return submit(c, project, key, labelerId, value, comment, durationMs);
        } catch (SQLException e) {
            throw new PersistenceException("Could not store the label", e);
        }
    }

    private Stored submit(Connection c, Project project, String key, long labelerId, String value, String comment, Long durationMs) throws SQLException {
        long exampleId;
        try (PreparedStatement find = c.prepareStatement("select id from example where project_id = ? and ex_key = ?")) {
            bind(find, project.id, key);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) throw Example.notFound(key);
                exampleId = rs.getLong(1);
            }
        }
        lock(c, exampleId, false);
        Instant now = Instant.now();
        int round;
        boolean reviewed;
        boolean resolved;
        Long existing;
        String storedValue;
        long othersLabels;
        long othersUncertain;
        long othersLeases;
        boolean myLeases;
        int guideVersion;
        // Read after the lock is granted (a fresh statement), so the counts are current.
        try (PreparedStatement s = c.prepareStatement(ROUND_UNDER_LOCK)) {
            bind(s, labelerId, labelerId, labelerId, labelerId, labelerId, at(now), labelerId, exampleId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                round = rs.getInt(1);
                resolved = rs.getLong(2) > 0;
                reviewed = rs.getLong(3) > 0;
                long mine = rs.getLong(4);
                existing = rs.wasNull() ? null : mine;
                storedValue = rs.getString(5);
                othersLabels = rs.getLong(6);
                othersUncertain = rs.getLong(7);
                othersLeases = rs.getLong(8);
                myLeases = rs.getLong(9) > 0;
                guideVersion = rs.getInt(10);
            }
        }
        if (resolved) {
            // The SME has settled it: the same answer again (a retry) is answered as stored, anything else refused.
            if (existing != null && value.equals(storedValue)) return new Stored(stored(c, existing), false);
            throw resolvedConflict();
        }
        boolean created = existing == null;
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (created && othersLabels + othersLeases >= project.overlap) {
            throw new DomainException.Conflict("'" + key + "' already has its " + project.overlap + " labelers; ask for the next example.");
        }
        if (!created && othersLabels > 0 && othersLabels + 1 >= project.overlap && !value.equals(storedValue)) {
            // Once the round is complete its answers are what agreement and review judge: a labeler who
            // could still switch would erase a disagreement before the SME sees it. A round of one
            // labeler (overlap 1) has nobody to disagree with, so its labeler keeps their undo.
            throw roundCompleteConflict(key);
        }
        if (created) {
            // My lease becomes my label: the example's taken grows only when I held none.
            int dropped = myLeases ? deleteLeases(c, exampleId, labelerId) : 0;
            update(c, "insert into label (id, project_id, example_id, labeler_id, label_round, label_value, guide_version, comment, duration_ms, created_at, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ids("label_seq").next(c), project.id, exampleId, labelerId, round, value, guideVersion, note, durationMs, at(now), at(now));
            update(c, "update example_queue set round_labels = round_labels + 1, taken = taken + ? where example_id = ?", 1 - dropped, exampleId);
        } else {
            update(c, "update label set label_value = ?, comment = ?, duration_ms = ?, guide_version = ?, updated_at = ? where id = ?",
                    value, note, durationMs, guideVersion, at(now), existing);
            if (myLeases) dropLeases(c, exampleId, labelerId);
        }
        // What review flagging needs to know of the round, read here under the lock: the round's
        // values only when it is complete and neither a review nor an 'uncertain' already decides.
        boolean anyUncertain = othersUncertain > 0 || Project.UNCERTAIN.equals(value);
        int answers = (int) othersLabels + 1;
        List<String> completeAnswers = !reviewed && !anyUncertain && answers >= project.overlap ? roundLabels(c, exampleId, round) : null;
        labelsChanged.fire(new LabelsChanged(project, Map.of(exampleId, round),
                new LabelsChanged.RoundRead(reviewed, answers, anyUncertain, completeAnswers)));
        Label label = new Label(); // transient: what was stored, for the answer
        label.projectId = project.id;
        label.exampleId = exampleId;
        label.labelerId = labelerId;
        label.round = round;
        label.value = value;
        label.comment = note;
        label.durationMs = durationMs;
        label.guideVersion = guideVersion;
        label.updatedAt = now;
        return new Stored(label, created);
    }

    /** A stored label as it is, for an answer that changes nothing. */
    private static Label stored(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select project_id, example_id, labeler_id, label_round, label_value, comment, duration_ms, guide_version, updated_at
                from label where id = ?""")) {
            bind(s, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Label label = new Label(); // transient: what is stored, for the answer
                label.projectId = rs.getLong(1);
                label.exampleId = rs.getLong(2);
                label.labelerId = rs.getLong(3);
                label.round = rs.getInt(4);
                label.value = rs.getString(5);
                label.comment = rs.getString(6);
                long duration = rs.getLong(7);
                label.durationMs = rs.wasNull() ? null : duration;
                label.guideVersion = rs.getInt(8);
                label.updatedAt = rs.getTimestamp(9).toInstant();
                return label;
            }
        }
    }

    /** The values of the example's labels in the round. */
    private static List<String> roundLabels(Connection c, long exampleId, int round) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select label_value from label where example_id = ? and label_round = ?")) {
            bind(s, exampleId, round);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** Refuses a value that is neither one of the project's labels nor 'uncertain' (400). */
    public void requireLabel(Project project, String value) {
        if (!project.accepts(value)) throw new DomainException.BadInput(project.notALabel(value));
    }

    /**
     * Takes back the caller's label (undo) while the example is unresolved and its round still
     * waits for labels (or has only the caller's); they hold it again.
     */
    @Transactional
    public void withdraw(Project project, String key, long labelerId) {
        Example example = Example.require(project.id, key);
        QueueEntry entry = QueueEntry.lock(example);
        refuseIfResolved(example);
        if (Label.count("exampleId = ?1 and labelerId = ?2 and round = ?3", example.id, labelerId, example.labelRound) == 0) {
            throw new DomainException.NotFound("You have no label on '" + key + "' in its current round.");
        }
        if (entry.roundLabels > 1 && entry.roundLabels >= project.overlap) throw roundCompleteConflict(key);
        Label.delete("exampleId = ?1 and labelerId = ?2 and round = ?3", example.id, labelerId, example.labelRound);
        entry.roundLabels--;
        entry.taken--;
        em.flush(); // before renew, whose lease adjusts taken in SQL
        renew(example, labelerId, Instant.now());
        labelsChanged.fire(new LabelsChanged(project, Set.of(example.id)));
    }

    private void refuseIfResolved(Example example) {
        Number resolved = (Number) em.createNativeQuery("select count(*) from review where example_id = ?1 and label_round = ?2 and status = " + RESOLVED)
                .setParameter(1, example.id).setParameter(2, example.labelRound).getSingleResult();
        if (resolved.longValue() > 0) throw resolvedConflict();
    }

    private static DomainException roundCompleteConflict(String key) {
        return new DomainException.Conflict("'" + key + "' has all its labels for this round, so your answer can no longer change; "
                + "if you think it is wrong, say so to an SME (an example whose answers differ goes to review by itself).");
    }

    private static DomainException resolvedConflict() {
        return new DomainException.Conflict("This example has been resolved by an SME; its labels can no longer change.");
    }

    /** The labeler holds the example again: their lease for its round is extended, or a fresh one made. */
    private void renew(Example e, long labelerId, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            int extended = update(c, "update lease set expires_at = ? where example_id = ? and labeler_id = ? and label_round = ?",
                    at(now.plus(leaseTime)), e.id, labelerId, e.labelRound);
            if (extended == 0) newLease(c, e.id, labelerId, e.labelRound, now, true);
        } catch (SQLException ex) {
            throw new PersistenceException("Could not renew the lease", ex);
        }
    }

    /**
     * A fresh lease of the example to the labeler for the round; first drops theirs when they may
     * hold one. The caller holds the example's row lock.
     */
    private void newLease(Connection c, long exampleId, long labelerId, int round, Instant now, boolean replaceMine) throws SQLException {
        int dropped = replaceMine ? deleteLeases(c, exampleId, labelerId) : 0;
        update(c, "insert into lease (id, example_id, labeler_id, label_round, expires_at) values (?, ?, ?, ?, ?)",
                ids("lease_seq").next(c), exampleId, labelerId, round, at(now.plus(leaseTime)));
        addTaken(c, exampleId, 1 - dropped);
    }

    /** Drops the labeler's leases on the example and gives their slots back. The caller holds the example's row lock. */
    private static void dropLeases(Connection c, long exampleId, long labelerId) throws SQLException {
        addTaken(c, exampleId, -deleteLeases(c, exampleId, labelerId));
    }

    /** Deletes the labeler's leases on the example; how many there were. The caller adjusts taken. */
    private static int deleteLeases(Connection c, long exampleId, long labelerId) throws SQLException {
        return update(c, "delete from lease where example_id = ? and labeler_id = ?", exampleId, labelerId);
    }

    /** Moves the example's queue level (labels + lease rows) by delta; nothing to write for 0. */
    private static void addTaken(Connection c, long exampleId, int delta) throws SQLException {
        if (delta != 0) update(c, "update example_queue set taken = taken + ? where example_id = ?", delta, exampleId);
    }

    /** How long expired leases may keep their slots before a request of this instance sweeps them. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(1);
    /** Bound on the expired leases one sweep gives back, so no request waits on a long sweep. */
    static final int SWEEP_MAX = 500;

    /**
     * When this instance last swept. Only paces the sweeps: any instance's sweep gives back any
     * expired lease, and every request that finds no work sweeps at once.
     */
    private volatile long lastSweep;

    private boolean sweepDue(Instant now) {
        long at = now.toEpochMilli();
        if (at - lastSweep < SWEEP_EVERY.toMillis()) return false;
        lastSweep = at;
        return true;
    }

    /**
     * Gives the slots of expired leases back to their examples: each lease is deleted under its
     * example's row lock (skipped when another transaction holds it; a later sweep takes it) and
     * only if it is still expired, so a lease renewed meanwhile stays. Returns how many were given back.
     */
    int sweep(Connection c, Instant now) throws SQLException {
        List<long[]> expired = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id, example_id from lease where expires_at <= ? fetch first " + SWEEP_MAX + " rows only")) {
            bind(s, at(now));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) expired.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        int given = 0;
        for (long[] lease : expired) {
            if (!lock(c, lease[1], true)) continue;
            if (update(c, "delete from lease where id = ? and expires_at <= ?", lease[0], at(now)) == 1) {
                addTaken(c, lease[1], -1);
                given++;
            }
        }
        return given;
    }

    private IdBlocks ids(String sequence) {
        return database.ids(sequence);
    }

    /** A time as Hibernate binds an Instant (UTC offset), so rows written here and by entities compare alike. */
    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * Takes the example's lock (its queue entry's row lock, as {@link QueueEntry#lock}); with
     * skipLocked, false instead of waiting when another transaction holds it.
     */
    private static boolean lock(Connection c, long exampleId, boolean skipLocked) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select example_id from example_queue where example_id = ? for update" + (skipLocked ? " skip locked" : ""))) {
            bind(s, exampleId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            return s.executeUpdate();
        }
    }
}
