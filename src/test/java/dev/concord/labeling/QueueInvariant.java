package dev.concord.labeling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concord.example.QueueEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Arrays;
import java.util.List;

/** The queue's bookkeeping, which every writer of labels, leases and rounds must keep (LabelQueue, ReviewService, AnnotationImporter). */
public final class QueueInvariant {
    private QueueInvariant() {}

    /**
     * Each example of the project has its queue entry, whose round is the example's, whose
     * round_labels are its labels of the current round and whose level (taken) is those labels plus
     * its lease rows.
     */
    public static void assertKept(String slug) {
        List<?> wrong = QuarkusTransaction.requiringNew().call(() -> QueueEntry.getEntityManager().createNativeQuery("""
                select e.ex_key, q.label_round, e.label_round, q.taken, q.round_labels,
                       (select count(*) from label x where x.example_id = e.id and x.label_round = e.label_round),
                       (select count(*) from lease l where l.example_id = e.id)
                from example e join project p on p.id = e.project_id left join example_queue q on q.example_id = e.id
                where p.slug = ?1
                  and (q.example_id is null or q.label_round <> e.label_round
                       or q.taken <> q.round_labels + (select count(*) from lease l where l.example_id = e.id)
                       or q.round_labels <> (select count(*) from label x where x.example_id = e.id and x.label_round = e.label_round))""")
                .setParameter(1, slug).getResultList());
        assertTrue(wrong.isEmpty(), () -> "queue entry out of step (key, its round, example's round, taken, round_labels, labels, leases): "
                + wrong.stream().map(r -> Arrays.toString((Object[]) r)).toList());
    }
}
