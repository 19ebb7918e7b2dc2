package dev.concord.labeling;

import dev.concord.example.Example;
import dev.concord.guide.GuideVersion;
import dev.concord.project.Project;
import dev.concord.web.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands out work and takes labels. Each example gets exactly {@code overlap} different labelers
 * per round; nobody labels an example twice in a round; examples closest to completion come
 * first (so agreement can be measured early), then a stable shuffled order; a handed-out example
 * is leased and returns to the pool when the lease expires.
 *
 * <p>Correct across threads and app instances because every decision that could exceed the
 * overlap is taken while holding the example's row lock ({@code SELECT ... FOR UPDATE}) and
 * re-checked under it: the count of labels and live leases is read after the lock is granted.
 */
@ApplicationScoped
public class LabelQueue {
    /** How many candidates to try per request before giving up (others may be taking them). */
    static final int PAGE = 32;
    /** Bound on the examples looked at per level and request, so a request never scans a whole project. */
    static final int MAX_SCAN = 20_000;

    private final EntityManager em;
    private final Duration leaseTime;
    private final Event<LabelsChanged> labelsChanged;

    public LabelQueue(EntityManager em, @ConfigProperty(name = "concord.queue.lease") Duration leaseTime, Event<LabelsChanged> labelsChanged) {
        this.em = em;
        this.leaseTime = leaseTime;
        this.labelsChanged = labelsChanged;
    }

    /** An example handed to a labeler, with the guide version in force (read in the same statement). */
    public record Next(Example example, int guideVersion) {}

    /** The next example for the labeler: the one they hold a live lease on, else a newly leased one. */
    @Transactional
    public Optional<Next> nextFor(Project project, long labelerId, Set<String> skip) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Object[]> held = em.createNativeQuery("""
                select e.id, e.ex_key, l.id as lease_id from lease l join example e on e.id = l.example_id
                where l.labeler_id = ?1 and e.project_id = ?2 and l.label_round = e.label_round and l.expires_at > ?3
                order by l.expires_at""")
                .setParameter(1, labelerId).setParameter(2, project.id).setParameter(3, now).getResultList();
        for (Object[] h : held) {
            if (!skip.contains((String) h[1])) {
                em.createNativeQuery("update lease set expires_at = ?1 where id = ?2")
                        .setParameter(1, now.plus(leaseTime)).setParameter(2, ((Number) h[2]).longValue()).executeUpdate();
                return Optional.of(new Next(em.find(Example.class, ((Number) h[0]).longValue()), GuideVersion.currentVersion(project.id)));
            }
        }
        // Closest to completion first: per level of round_labels, the eligible examples (not labeled
        // by me, not fully leased, not resolved) in the stable shuffled order. H2 and PostgreSQL read
        // ix_example_queue in order (ORDER BY spells the full index prefix), test each row with point
        // lookups and stop after a page. One plain SELECT per level rather than a UNION ALL of the
        // levels: H2 caches the parsed form of a SELECT per connection, never that of a UNION.
        // Each candidate is locked on its own with FOR UPDATE SKIP LOCKED, passing over a row another
        // labeler is being served right now, and re-checked with a fresh statement under the lock.
        for (int level = project.overlap - 1; level >= 0; level--) {
            for (int offset = 0; offset <= MAX_SCAN; offset += PAGE) {
                List<Object[]> page = page(project, level, labelerId, now, offset);
                for (Object[] candidate : page) {
                    if (skip.contains((String) candidate[1])) continue;
                    long id = ((Number) candidate[0]).longValue();
                    Integer guideVersion = tryLease(id, level, project.overlap, labelerId, now);
                    if (guideVersion != null) return Optional.of(new Next(em.find(Example.class, id), guideVersion));
                }
                if (page.size() < PAGE) break;
            }
        }
        return Optional.empty();
    }

    private static final String ELIGIBLE = """
            select e.id, e.ex_key from example e
            where e.project_id = :project and e.round_labels = :level
              and not exists (select 1 from label x where x.example_id = e.id and x.labeler_id = :me and x.label_round = e.label_round)
              and e.round_labels + (select count(*) from lease l where l.example_id = e.id and l.label_round = e.label_round
                                    and l.expires_at > :now and l.labeler_id <> :me) < :overlap
              and not exists (select 1 from review r where r.example_id = e.id and r.label_round = e.label_round and r.status = 'RESOLVED')
            order by e.project_id, e.round_labels, e.shuffle offset :offset rows fetch next :page rows only""";

    /** A page of eligible examples of one level. */
    private List<Object[]> page(Project project, int level, long labelerId, Instant now, int offset) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(ELIGIBLE)
                .setParameter("project", project.id).setParameter("level", level).setParameter("me", labelerId).setParameter("now", now)
                .setParameter("overlap", project.overlap).setParameter("offset", offset).setParameter("page", PAGE)
                .getResultList();
        return rows;
    }

    /**
     * Locks the example (skipping it when another transaction holds it), re-checks it with a fresh
     * statement under the lock and leases it to the labeler. The guide version in force, or null:
     * taken, full, or no longer eligible.
     */
    private Integer tryLease(long exampleId, int level, int overlap, long labelerId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> locked = em.createNativeQuery("select id from example where id = ?1 for update skip locked")
                .setParameter(1, exampleId).getResultList();
        if (locked.isEmpty()) return null;
        // Read after the lock is granted: the counts may have changed since the page was read.
        Object[] r = (Object[]) em.createNativeQuery("""
                select e.label_round, e.round_labels,
                  (select count(*) from label x where x.example_id = e.id and x.label_round = e.label_round and x.labeler_id <> ?2),
                  (select count(*) from lease l where l.example_id = e.id and l.label_round = e.label_round and l.labeler_id <> ?2 and l.expires_at > ?3),
                  (select count(*) from label x where x.example_id = e.id and x.label_round = e.label_round and x.labeler_id = ?2),
                  (select count(*) from review r where r.example_id = e.id and r.label_round = e.label_round and r.status = 'RESOLVED'),
                  (select count(*) from lease l where l.example_id = e.id and l.labeler_id = ?2),
                  (select max(g.version) from guide_version g where g.project_id = e.project_id)
                from example e where e.id = ?1""")
                .setParameter(1, exampleId).setParameter(2, labelerId).setParameter(3, now).getSingleResult();
        int round = ((Number) r[0]).intValue();
        int roundLabels = ((Number) r[1]).intValue();
        long taken = ((Number) r[2]).longValue() + ((Number) r[3]).longValue();
        boolean mine = ((Number) r[4]).longValue() > 0;
        boolean resolved = ((Number) r[5]).longValue() > 0;
        if (roundLabels != level || taken >= overlap || mine || resolved) return null;
        // An expired lease of mine, or one from an earlier round, is replaced by a fresh one.
        newLease(exampleId, labelerId, round, now, ((Number) r[6]).longValue() > 0);
        return r[7] == null ? 0 : ((Number) r[7]).intValue();
    }

    /** Gives up the caller's lease on an example (skip), so others can take it. */
    @Transactional
    public void release(Example example, long labelerId) {
        Lease.delete("exampleId = ?1 and labelerId = ?2", example.id, labelerId);
    }

    public record Stored(Label label, boolean created) {}

    /**
     * Stores the caller's label for the example's current round, or replaces it (idempotent).
     * Refused when the example already has its labelers, or once it is resolved.
     *
     * <p>A handful of statements: the example's row lock, one read of everything the decision
     * needs (taken under the lock), the label write, the example's count, the lease.
     */
    @Transactional
    public Stored submit(Project project, String key, long labelerId, String value, String comment, Long durationMs) {
        if (!accepts(project, value)) {
            throw new DomainException.BadInput("'" + value + "' is not one of this project's labels " + project.labelNames() + " or 'uncertain'.");
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from example where project_id = ?1 and ex_key = ?2 for update")
                .setParameter(1, project.id).setParameter(2, key).getResultList();
        if (ids.isEmpty()) throw new DomainException.NotFound("No example '" + key + "' in this project.");
        long exampleId = ids.get(0).longValue();
        Instant now = Instant.now();
        // Read after the lock is granted (a fresh statement), so the counts are current.
        Object[] r = (Object[]) em.createNativeQuery("""
                select e.label_round,
                  (select count(*) from review r where r.example_id = e.id and r.label_round = e.label_round and r.status = 'RESOLVED'),
                  (select count(*) from review r where r.example_id = e.id and r.label_round = e.label_round),
                  (select max(x.id) from label x where x.example_id = e.id and x.labeler_id = ?2 and x.label_round = e.label_round),
                  (select count(*) from label x where x.example_id = e.id and x.label_round = e.label_round and x.labeler_id <> ?2),
                  (select count(*) from label x where x.example_id = e.id and x.label_round = e.label_round and x.labeler_id <> ?2
                                                      and x.label_value = 'uncertain'),
                  (select count(*) from lease l where l.example_id = e.id and l.label_round = e.label_round and l.labeler_id <> ?2 and l.expires_at > ?3),
                  (select count(*) from lease l where l.example_id = e.id and l.labeler_id = ?2),
                  (select max(g.version) from guide_version g where g.project_id = e.project_id)
                from example e where e.id = ?1""")
                .setParameter(1, exampleId).setParameter(2, labelerId).setParameter(3, now).getSingleResult();
        int round = ((Number) r[0]).intValue();
        if (((Number) r[1]).longValue() > 0) throw resolvedConflict();
        boolean reviewed = ((Number) r[2]).longValue() > 0;
        Long existing = r[3] == null ? null : ((Number) r[3]).longValue();
        long othersLabels = ((Number) r[4]).longValue();
        long othersUncertain = ((Number) r[5]).longValue();
        long othersLeases = ((Number) r[6]).longValue();
        boolean myLeases = ((Number) r[7]).longValue() > 0;
        int guideVersion = r[8] == null ? 0 : ((Number) r[8]).intValue();
        boolean created = existing == null;
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        Label label;
        if (created) {
            if (othersLabels + othersLeases >= project.overlap) {
                throw new DomainException.Conflict("'" + key + "' already has its " + project.overlap + " labelers; ask for the next example.");
            }
            label = new Label();
            label.projectId = project.id;
            label.exampleId = exampleId;
            label.labelerId = labelerId;
            label.round = round;
            label.createdAt = now;
        } else {
            label = em.find(Label.class, existing);
        }
        label.value = value;
        label.comment = note;
        label.durationMs = durationMs;
        label.guideVersion = guideVersion;
        label.updatedAt = now;
        if (created) {
            label.persist();
            em.createNativeQuery("update example set round_labels = round_labels + 1 where id = ?1")
                    .setParameter(1, exampleId).executeUpdate();
        }
        if (myLeases) {
            em.createNativeQuery("delete from lease where example_id = ?1 and labeler_id = ?2")
                    .setParameter(1, exampleId).setParameter(2, labelerId).executeUpdate();
        }
        em.flush();
        // Flags can only change when the round has a review already, is complete, or has an 'uncertain'.
        boolean flagsUnchanged = !reviewed && othersLabels + 1 < project.overlap && othersUncertain == 0 && !Project.UNCERTAIN.equals(value);
        labelsChanged.fire(new LabelsChanged(project.id, Set.of(exampleId), flagsUnchanged));
        return new Stored(label, created);
    }

    /**
     * A project's label set never changes once the project is created (ProjectService.create is its
     * only writer), so it is kept per project (id and creation time) instead of being read for
     * every label. Nothing that can change, and nothing another instance could change, is kept.
     */
    private final Map<ProjectKey, Set<String>> labelSets = new ConcurrentHashMap<>();

    private record ProjectKey(long id, Instant createdAt) {}

    private boolean accepts(Project project, String value) {
        if (Project.UNCERTAIN.equals(value)) return true;
        if (labelSets.size() > 10_000) labelSets.clear();
        return labelSets.computeIfAbsent(new ProjectKey(project.id, project.createdAt), k -> Set.copyOf(project.labelNames())).contains(value);
    }

    /** Takes back the caller's label (undo) while the example is unresolved; they hold it again. */
    @Transactional
    public void withdraw(Project project, String key, long labelerId) {
        Example example = lockedExample(project, key);
        refuseIfResolved(example);
        long deleted = Label.delete("exampleId = ?1 and labelerId = ?2 and round = ?3", example.id, labelerId, example.labelRound);
        if (deleted == 0) throw new DomainException.NotFound("You have no label on '" + key + "' in its current round.");
        example.roundLabels--;
        renew(example, labelerId, Instant.now());
        em.flush();
        labelsChanged.fire(new LabelsChanged(project.id, Set.of(example.id)));
    }

    private Example lockedExample(Project project, String key) {
        Example found = Example.findByKey(project.id, key)
                .orElseThrow(() -> new DomainException.NotFound("No example '" + key + "' in this project."));
        em.lock(found, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(found);
        return found;
    }

    private void refuseIfResolved(Example example) {
        Number resolved = (Number) em.createNativeQuery("select count(*) from review where example_id = ?1 and label_round = ?2 and status = 'RESOLVED'")
                .setParameter(1, example.id).setParameter(2, example.labelRound).getSingleResult();
        if (resolved.longValue() > 0) throw resolvedConflict();
    }

    private static DomainException resolvedConflict() {
        return new DomainException.Conflict("This example has been resolved by an SME; its labels can no longer change.");
    }

    private void renew(Example e, long labelerId, Instant now) {
        Lease lease = Lease.<Lease>find("exampleId = ?1 and labelerId = ?2 and round = ?3", e.id, labelerId, e.labelRound)
                .firstResultOptional().orElse(null);
        if (lease == null) {
            newLease(e.id, labelerId, e.labelRound, now, true);
        } else {
            lease.expiresAt = now.plus(leaseTime);
        }
    }

    /** A fresh lease of the example to the labeler for the round; first drops theirs when they may hold one. */
    private void newLease(long exampleId, long labelerId, int round, Instant now, boolean replaceMine) {
        if (replaceMine) {
            em.createNativeQuery("delete from lease where example_id = ?1 and labeler_id = ?2")
                    .setParameter(1, exampleId).setParameter(2, labelerId).executeUpdate();
        }
        Lease lease = new Lease();
        lease.exampleId = exampleId;
        lease.labelerId = labelerId;
        lease.round = round;
        lease.expiresAt = now.plus(leaseTime);
        lease.persist();
    }

    public Duration leaseTime() {
        return leaseTime;
    }
}
