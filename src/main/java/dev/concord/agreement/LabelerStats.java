package dev.concord.agreement;

/**
 * Per-labeler figures for the dashboard: volume, agreement with the other labelers and how often
 * the labeler said "uncertain".
 *
 * <p>Agreement with others is pair-based: over all items the labeler labeled, every pair (their
 * label, another labeler's label on the same item) counts once, and the value is the share of
 * pairs with equal categories. Items where nobody else labeled give no pair. This weighs items
 * with more co-labelers more, which is what we want for "how often do others agree with you".
 */
public final class LabelerStats {

    /**
     * @param labeler              labeler index
     * @param labels               labels given
     * @param pairs                (own label, other's label) pairs on shared items
     * @param agreementWithOthers  agreeing pairs / pairs, or {@code null} without pairs
     * @param uncertainLabels      labels of the uncertain category
     * @param uncertainRate        uncertain labels / labels, or {@code null} without labels or
     *                             without an uncertain category
     */
    public record Result(int labeler, long labels, long pairs, Double agreementWithOthers,
            long uncertainLabels, Double uncertainRate) {
    }

    private LabelerStats() {
    }

    public static Result of(AgreementAccumulator accumulator, int labeler) {
        long labels = accumulator.labelsBy(labeler);
        long pairs = accumulator.pairsOf(labeler);
        long uncertain = accumulator.uncertainLabelsBy(labeler);
        Double agreement = pairs == 0 ? null : (double) accumulator.agreeingPairsOf(labeler) / pairs;
        Double uncertainRate = labels == 0 || accumulator.uncertainCategory() < 0
                ? null
                : (double) uncertain / labels;
        return new Result(labeler, labels, pairs, agreement, uncertain, uncertainRate);
    }
}
