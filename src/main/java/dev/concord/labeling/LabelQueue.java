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
import java.util.Optional;
import java.util.Set;
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

    /** The next example for the labeler: the one they hold a live lease on, else a newly leased one. */
    @Transactional
    public Optional<Example> nextFor(Project project, long labelerId, Set<String> skip) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Number> held = em.createNativeQuery("""
                select e.id from lease l join example e on e.id = l.example_id
                where e.project_id = ?1 and l.labeler_id = ?2 and l.label_round = e.label_round and l.expires_at > ?3
                order by l.expires_at""")
                .setParameter(1, project.id).setParameter(2, labelerId).setParameter(3, now).getResultList();
        for (Number id : held) {
            Example e = em.find(Example.class, id.longValue());
            if (!skip.contains(e.key)) {
                renew(e, labelerId, now);
                return Optional.of(e);
            }
        }
        // Closest to completion first: per level of round_labels, pages of examples in the stable
        // shuffled order from ix_example_queue (an index-ordered scan that stops early), then the
        // page is filtered (labeled by me, fully leased, resolved) with point lookups. Each survivor
        // is locked on its own with FOR UPDATE SKIP LOCKED (H2 2.x and PostgreSQL), passing over a
        // row another labeler is being served right now, and re-checked under the lock.
        for (int level = project.overlap - 1; level >= 0; level--) {
            for (int offset = 0; offset <= MAX_SCAN; offset += PAGE) {
                @SuppressWarnings("unchecked")
                List<Number> page = em.createNativeQuery("""
                        select e.id from example e where e.project_id = ?1 and e.round_labels = ?2
                        order by e.project_id, e.round_labels, e.shuffle offset ?3 rows fetch next ?4 rows only""")
                        .setParameter(1, project.id).setParameter(2, level).setParameter(3, offset).setParameter(4, PAGE)
                        .getResultList();
                if (page.isEmpty()) break;
                @SuppressWarnings("unchecked")
                List<Number> eligible = em.createNativeQuery("""
                        select e.id from example e
                        where e.id in (:ids)
                          and not exists (select 1 from label x where x.example_id = e.id and x.labeler_id = :me and x.label_round = e.label_round)
                          and e.round_labels + (select count(*) from lease l where l.example_id = e.id and l.label_round = e.label_round
                                                and l.expires_at > :now and l.labeler_id <> :me) < :overlap
                          and not exists (select 1 from review r where r.example_id = e.id and r.label_round = e.label_round and r.status = 'RESOLVED')
                        order by e.shuffle""")
                        .setParameter("ids", page.stream().map(Number::longValue).toList()).setParameter("me", labelerId)
                        .setParameter("now", now).setParameter("overlap", project.overlap).getResultList();
                for (Number id : eligible) {
                    @SuppressWarnings("unchecked")
                    List<Number> locked = em.createNativeQuery("select id from example where id = ?1 for update skip locked")
                            .setParameter(1, id).getResultList();
                    if (locked.isEmpty()) continue;
                    Example e = em.find(Example.class, id.longValue());
                    em.refresh(e);
                    if (skip.contains(e.key)) continue;
                    // Re-checked with a fresh statement now that the row is locked: the count may have
                    // changed between the page's snapshot and the lock.
                    if (e.roundLabels == level && slotsTakenByOthers(e, labelerId, now) < project.overlap && !hasLabel(e, labelerId)) {
                        renew(e, labelerId, now);
                        return Optional.of(e);
                    }
                }
                if (page.size() < PAGE) break;
            }
        }
        return Optional.empty();
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
     */
    @Transactional
    public Stored submit(Project project, String key, long labelerId, String value, String comment, Long durationMs) {
        if (!project.accepts(value)) {
            throw new DomainException.BadInput("'" + value + "' is not one of this project's labels " + project.labelNames() + " or 'uncertain'.");
        }
        Example example = lockedExample(project, key);
        refuseIfResolved(example);
        Instant now = Instant.now();
        Label label = Label.<Label>find("exampleId = ?1 and labelerId = ?2 and round = ?3", example.id, labelerId, example.labelRound)
                .firstResultOptional().orElse(null);
        boolean created = label == null;
        if (created) {
            if (slotsTakenByOthers(example, labelerId, now) >= project.overlap) {
                throw new DomainException.Conflict("'" + key + "' already has its " + project.overlap + " labelers; ask for the next example.");
            }
            label = new Label();
            label.projectId = project.id;
            label.exampleId = example.id;
            label.labelerId = labelerId;
            label.round = example.labelRound;
            label.createdAt = now;
            example.roundLabels++;
        }
        label.value = value;
        label.comment = comment == null || comment.isBlank() ? null : comment.strip();
        label.durationMs = durationMs;
        label.guideVersion = GuideVersion.currentVersion(project.id);
        label.updatedAt = now;
        if (created) label.persist();
        Lease.delete("exampleId = ?1 and labelerId = ?2", example.id, labelerId);
        em.flush();
        labelsChanged.fire(new LabelsChanged(project.id, Set.of(example.id)));
        return new Stored(label, created);
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
        if (resolved.longValue() > 0) {
            throw new DomainException.Conflict("This example has been resolved by an SME; its labels can no longer change.");
        }
    }

    /** Labels by others in the current round plus others' live leases. Read under the row lock. */
    private long slotsTakenByOthers(Example e, long labelerId, Instant now) {
        Number n = (Number) em.createNativeQuery("""
                select (select count(*) from label x where x.example_id = ?1 and x.label_round = ?2 and x.labeler_id <> ?3)
                     + (select count(*) from lease l where l.example_id = ?1 and l.label_round = ?2 and l.labeler_id <> ?3 and l.expires_at > ?4)
                from example where id = ?1""")
                .setParameter(1, e.id).setParameter(2, e.labelRound).setParameter(3, labelerId).setParameter(4, now).getSingleResult();
        return n.longValue();
    }

    private boolean hasLabel(Example e, long labelerId) {
        return Label.count("exampleId = ?1 and labelerId = ?2 and round = ?3", e.id, labelerId, e.labelRound) > 0;
    }

    private void renew(Example e, long labelerId, Instant now) {
        Lease lease = Lease.<Lease>find("exampleId = ?1 and labelerId = ?2 and round = ?3", e.id, labelerId, e.labelRound)
                .firstResultOptional().orElse(null);
        if (lease == null) {
            Lease.delete("exampleId = ?1 and labelerId = ?2", e.id, labelerId);
            lease = new Lease();
            lease.exampleId = e.id;
            lease.labelerId = labelerId;
            lease.round = e.labelRound;
            lease.expiresAt = now.plus(leaseTime);
            lease.persist();
        } else {
            lease.expiresAt = now.plus(leaseTime);
        }
    }

    public Duration leaseTime() {
        return leaseTime;
    }
}
