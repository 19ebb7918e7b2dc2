package dev.concord.labeling;

import java.util.Set;

/**
 * Fired (synchronously, inside the writing transaction) whenever labels of a project are written:
 * by the labeling API, by imports of labels made elsewhere, or by the demo seeder. Observers such
 * as review flagging recompute what depends on those examples in the same transaction.
 */
public record LabelsChanged(long projectId, Set<Long> exampleIds) {}
