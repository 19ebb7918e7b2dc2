package dev.concord.agreement;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The majority rule, in one place for everything that asks "what do most labelers say, and how
 * many of them": review flags (low agreement), releases (the consensus and its agreement) and HLP
 * (the leave-one-out reference). The majority is the single most frequent category; when two or
 * more share the highest count there is none (a tie), and none without labels. Its share is the
 * highest count over all labels, whether or not it is tied.
 */
public final class Majority {
    /** No single most frequent category: a tie, or no labels at all. */
    public static final int NONE = -1;

    private Majority() {}

    /** The category with the highest count, or {@link #NONE} when that count is shared or is 0. */
    public static int category(int[] counts) {
        if (counts.length == 0) return NONE;
        int best = 0;
        for (int c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
        if (counts[best] == 0) return NONE;
        for (int c = 0; c < counts.length; c++) if (c != best && counts[c] == counts[best]) return NONE;
        return best;
    }

    /** The highest count (0 without labels). */
    public static int count(int[] counts) {
        int max = 0;
        for (int c : counts) if (c > max) max = c;
        return max;
    }

    /** The share of the {@code total} labels that are in the most frequent category; 0 without labels. */
    public static double share(int[] counts, int total) {
        return total == 0 ? 0 : (double) count(counts) / total;
    }

    /** The share of values equal to the most frequent one; 0 without values. */
    public static double share(Collection<?> values) {
        Map<Object, Integer> counts = new HashMap<>();
        int max = 0;
        for (Object v : values) max = Math.max(max, counts.merge(v, 1, Integer::sum));
        return values.isEmpty() ? 0 : (double) max / values.size();
    }
}
