package dev.concord.dataset;

import dev.concord.project.Project;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The examples a release releases, in increasing id order, each with its label, where the label
 * came from (RESOLUTION or the strategy's source) and its agreement (NaN: none); and the examples
 * left out, counted by reason. Parallel arrays rather than an object per example: a release may
 * hold hundreds of thousands.
 */
final class Released {
    final int size;
    final long[] ids;
    final String[] label;
    final String[] source;
    final double[] agreement;
    /** Reason → examples, in name order (as in the manifest). */
    final Map<String, Long> leftOut;
    /** Released examples whose label is an SME resolution. */
    final int resolved;

    private Released(int size, long[] ids, String[] label, String[] source, double[] agreement, Map<String, Long> leftOut, int resolved) {
        this.size = size;
        this.ids = ids;
        this.label = label;
        this.source = source;
        this.agreement = agreement;
        this.leftOut = leftOut;
        this.resolved = resolved;
    }

    /**
     * Decides every item: its resolution where it has one, else the strategy's decision. An item
     * whose consensus is {@code uncertain} is released only with {@code includeUncertain}. The
     * agreement of a resolved or majority item is its majority's share.
     *
     * @param ids        the items' example ids, increasing
     * @param resolved   per item, the SME-resolved category, or -1
     * @param categories the category names, by index
     */
    static Released decide(ItemLabels items, long[] ids, int[] resolved, Consensus consensus, List<String> categories, boolean includeUncertain) {
        int n = items.items();
        Map<String, Long> leftOut = new TreeMap<>();
        long[] releasedIds = new long[n];
        String[] releasedLabel = new String[n];
        String[] releasedSource = new String[n];
        double[] releasedAgreement = new double[n];
        int released = 0;
        int resolvedUsed = 0;
        int[] counts = new int[items.categories()];
        Consensus.Decider decider = consensus.over(items, resolved);
        for (int i = 0; i < n; i++) {
            int label;
            String source;
            double agreement;
            if (resolved[i] >= 0) {
                label = resolved[i];
                source = "RESOLUTION";
                agreement = items.majorityShare(i, counts);
                resolvedUsed++;
            } else {
                Consensus.Decision d = decider.decide(i);
                if (d.leftOut() != null) {
                    leftOut.merge(d.leftOut(), 1L, Long::sum);
                    continue;
                }
                label = d.label();
                source = consensus.source();
                agreement = d.agreement();
            }
            String name = categories.get(label);
            if (name.equals(Project.UNCERTAIN) && !includeUncertain) {
                leftOut.merge("uncertain", 1L, Long::sum);
                continue;
            }
            releasedIds[released] = ids[i];
            releasedLabel[released] = name;
            releasedSource[released] = source;
            releasedAgreement[released] = agreement;
            released++;
        }
        return new Released(released, releasedIds, releasedLabel, releasedSource, releasedAgreement, leftOut, resolvedUsed);
    }

    /** Released examples per split (by its released name) per label, both in name order. */
    Map<String, Map<String, Long>> countsPerSplit(String[] splits, Map<String, String> splitNames) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (int r = 0; r < size; r++) {
            counts.computeIfAbsent(splitNames.get(splits[r]), k -> new TreeMap<>()).merge(label[r], 1L, Long::sum);
        }
        return counts;
    }

    /** The mean agreement of the released examples that have one; null if none has. */
    Double meanAgreement() {
        double mean = Arrays.stream(agreement, 0, size).filter(a -> !Double.isNaN(a)).average().orElse(Double.NaN);
        return Double.isNaN(mean) ? null : mean;
    }
}
