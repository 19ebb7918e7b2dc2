package dev.concord.labeling;

import dev.concord.project.Project;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fired (synchronously, inside the writing transaction) whenever labels of a project are written:
 * by the labeling API, by imports of labels made elsewhere, or by the demo seeder. Observers such
 * as review flagging recompute what depends on those examples in the same transaction; labeling
 * says what it wrote and read, and never what follows from it for reviews.
 *
 * @param project the project, as the writer read it (perhaps detached: observers only read it)
 * @param rounds each example whose labels changed, with its current round where the writer read
 *     it under the example's lock (else null: observers read it themselves)
 * @param read for a single label written by the labeling API, what the writer read of that
 *     example's round under its lock (else null), so observers need not read it again
 */
public record LabelsChanged(Project project, Map<Long, Integer> rounds, RoundRead read) {
    /**
     * One example's current round as the writer saw it after writing.
     *
     * @param reviewed the round has a review (open or resolved)
     * @param answers how many labels the round has
     * @param anyUncertain one of them is {@code uncertain}
     * @param completeAnswers their values when nothing else tells more (no review, no uncertain)
     *     and the round is complete; else null
     */
    public record RoundRead(boolean reviewed, int answers, boolean anyUncertain, List<String> completeAnswers) {}

    /** Labels of these examples changed; their rounds are for observers to read. */
    public LabelsChanged(Project project, Set<Long> exampleIds) {
        this(project, roundsUnknown(exampleIds), null);
    }

    private static Map<Long, Integer> roundsUnknown(Set<Long> exampleIds) {
        Map<Long, Integer> rounds = new HashMap<>();
        exampleIds.forEach(id -> rounds.put(id, null));
        return rounds;
    }
}
