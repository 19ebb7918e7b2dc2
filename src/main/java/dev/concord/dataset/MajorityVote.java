package dev.concord.dataset;

import dev.concord.agreement.Majority;

/**
 * The majority of a complete example (it has its {@code overlap} labels), if the majority's share
 * reaches the project's agreement threshold. Left out: "incomplete", "tie" (no single most
 * frequent label) and "below-threshold"; the agreement is the majority's share.
 */
record MajorityVote(int overlap, double threshold) implements Consensus {
    static final String NAME = "majority";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String source() {
        return "MAJORITY";
    }

    @Override
    public Decider over(ItemLabels items, int[] resolved) {
        int[] counts = new int[items.categories()];
        return i -> decide(items.counts(i, counts), items.size(i));
    }

    /** The decision for an example with these counts per category over {@code n} labels. */
    Decision decide(int[] counts, int n) {
        if (n < overlap) return Decision.out("incomplete", Double.NaN);
        double share = (double) Majority.count(counts) / n;
        int majority = Majority.category(counts);
        if (majority == Majority.NONE) return Decision.out("tie", share);
        if (share < threshold) return Decision.out("below-threshold", share);
        return new Decision(majority, share, null);
    }
}
