package dev.concord.agreement;

/**
 * Agreement within one slice of the data (e.g. the items recorded on one device), so that a
 * slice where humans disagree stands out. Only the pattern-based measures are available per
 * slice; they are exactly the overall measures restricted to the slice's items.
 */
public final class SliceAgreement {

    /**
     * @param slice              slice index
     * @param items              items in the slice
     * @param labels             labels on those items
     * @param percentAgreement   see {@link PercentAgreement}
     * @param fleissKappa        see {@link FleissKappa}
     * @param krippendorffAlpha  see {@link KrippendorffAlpha}
     */
    public record Result(int slice, long items, long labels, PercentAgreement.Result percentAgreement,
            FleissKappa.Result fleissKappa, KrippendorffAlpha.Result krippendorffAlpha) {
    }

    private SliceAgreement() {
    }

    public static Result of(AgreementAccumulator accumulator, int slice) {
        PatternTable table = accumulator.slicePatterns(slice);
        return new Result(slice, table.items(), table.labels(), PercentAgreement.of(table),
                FleissKappa.of(table), KrippendorffAlpha.of(table));
    }
}
