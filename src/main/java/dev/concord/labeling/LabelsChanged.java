package dev.concord.labeling;

import dev.concord.project.Project;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fired (synchronously, inside the writing transaction) whenever labels of a project are written:
 * by the labeling API, by imports of labels made elsewhere, or by the demo seeder. Observers such
 * as review flagging recompute what depends on those examples in the same transaction.
 *
 * @param project the project, as the writer read it (perhaps detached: observers only read it)
 * @param rounds each example whose labels changed, with its current round where the writer read
 *     it under the example's lock (else null: observers read it themselves)
 * @param flagsUnchanged true when the writer has checked, under the example's row lock, that no
 *     review flag can change: the round has no review yet, none of its labels is {@code uncertain},
 *     and it has fewer than {@code overlap} labels or they give no reason to flag
 *     ({@link dev.concord.review.ReviewFlags#reasons}). Review flagging then has nothing to do.
 */
public record LabelsChanged(Project project, Map<Long, Integer> rounds, boolean flagsUnchanged) {
    /** Labels of these examples changed; their rounds are for observers to read. */
    public LabelsChanged(Project project, Set<Long> exampleIds) {
        this(project, roundsUnknown(exampleIds), false);
    }

    private static Map<Long, Integer> roundsUnknown(Set<Long> exampleIds) {
        Map<Long, Integer> rounds = new HashMap<>();
        exampleIds.forEach(id -> rounds.put(id, null));
        return rounds;
    }
}
