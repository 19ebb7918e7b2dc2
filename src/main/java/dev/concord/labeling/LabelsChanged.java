package dev.concord.labeling;

import java.util.Set;

/**
 * Fired (synchronously, inside the writing transaction) whenever labels of a project are written:
 * by the labeling API, by imports of labels made elsewhere, or by the demo seeder. Observers such
 * as review flagging recompute what depends on those examples in the same transaction.
 *
 * @param flagsUnchanged true when the writer has checked, under the example's row lock, that no
 *     review flag can change: the round has no review yet, has fewer than {@code overlap} labels
 *     and none of them is {@code uncertain}. Review flagging then has nothing to recompute.
 */
public record LabelsChanged(long projectId, Set<Long> exampleIds, boolean flagsUnchanged) {
    public LabelsChanged(long projectId, Set<Long> exampleIds) {
        this(projectId, exampleIds, false);
    }
}
