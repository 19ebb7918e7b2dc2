package dev.concord.dataset;

import java.util.List;

/**
 * How a release chooses an example's label from its labels when no SME resolution decides it (a
 * resolution overrides every strategy). One strategy is chosen per release, by the name the
 * request gives ({@link #named}); the release asks it once to prepare over all items, then for
 * each unresolved item's decision.
 */
sealed interface Consensus permits MajorityVote, DawidSkene {
    /** The names a release request may give, as in API.md. */
    List<String> NAMES = List.of(MajorityVote.NAME, DawidSkene.NAME);

    /**
     * The strategy of that name, with the project's rules: {@code overlap} labels make an example
     * complete; a majority needs a share of at least {@code threshold}.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES} (requests are validated before)
     */
    static Consensus named(String name, int overlap, double threshold) {
        return switch (name) {
            case MajorityVote.NAME -> new MajorityVote(overlap, threshold);
            case DawidSkene.NAME -> new DawidSkene(overlap);
            default -> throw new IllegalArgumentException("no consensus strategy named " + name);
        };
    }

    /** As in the request and the manifest. */
    String name();

    /** What the snapshot records as the source of a label this strategy chose. */
    String source();

    /**
     * Prepares the decisions of one release over all its items; Dawid–Skene estimates each
     * labeler's reliability from all of them here.
     *
     * @param resolved per item, the SME-resolved category, or -1
     */
    Decider over(ItemLabels items, int[] resolved);

    /** Decides items one at a time (not safe to share between threads). */
    @FunctionalInterface
    interface Decider {
        /** The consensus of an item without a resolution, or why it is left out. */
        Decision decide(int item);
    }

    /** A category and its agreement, or the reason the example is left out ({@code leftOut} not null). */
    record Decision(int label, double agreement, String leftOut) {
        static Decision out(String reason, double agreement) {
            return new Decision(-1, agreement, reason);
        }
    }
}
