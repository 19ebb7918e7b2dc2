package dev.concord.example;

import dev.concord.user.Tokens;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/**
 * An example's place in the labeling queue: its counts for the current round and its shuffled
 * position. A narrow row apart from the example (V12), because these counts change with every
 * lease and label and H2 rewrites every index of a table on each update of a row. Its row lock is
 * the example's lock for whoever writes the example's labels, leases or rounds.
 */
@Entity
@Table(name = "example_queue")
public class QueueEntry extends PanacheEntityBase {
    @Id
    @Column(name = "example_id")
    public Long exampleId;

    @Column(name = "project_id")
    public Long projectId;

    @Column(name = "ex_key")
    public String key;

    /** The example's current round, as example.label_round (the two change together). */
    @Column(name = "label_round")
    public int labelRound;

    /** How many labels the current round has. */
    @Column(name = "round_labels")
    public int roundLabels;

    /** Labels of the current round plus lease rows of the example: the queue's level. */
    public int taken;

    /** A stable pseudo-random number, so the queue hands out work in a shuffled but fixed order. */
    public int shuffle;

    /**
     * Takes the example's lock for the rest of the transaction and returns its queue entry; the
     * example is read again, so its round is the one as of the lock.
     */
    public static QueueEntry lock(Example e) {
        QueueEntry entry = getEntityManager().find(QueueEntry.class, e.id, LockModeType.PESSIMISTIC_WRITE);
        getEntityManager().refresh(e);
        return entry;
    }

    /** The example's place in the queue's stable shuffled order (within its level). */
    static int shuffle(long projectId, String key) {
        String h = Tokens.sha256(projectId + "/" + key);
        return (int) Long.parseLong(h.substring(0, 7), 16);
    }
}
