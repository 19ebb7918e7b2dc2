package dev.concord.agreement;

/**
 * Human-level performance (HLP): the share of labels that equal a reference label, an estimate
 * of the accuracy a single human labeler reaches, which is the usual ceiling to compare a model
 * with.
 *
 * <p>The reference of a label is the item's SME resolution when there is one
 * ({@value #SME_RESOLUTION}); otherwise the majority of the <em>other</em> labels on the item
 * ({@value #LEAVE_ONE_OUT_MAJORITY}), so that a label is never judged against a majority it
 * helped to form. Labels without another label on the item, or whose other labels tie for the
 * most frequent category, have no reference and are not counted (see {@link
 * AgreementAccumulator#add}). Per class means per <em>reference</em> class, i.e. recall of humans
 * on items whose reference is that class.
 */
public final class HumanLevelPerformance {

    public static final String SME_RESOLUTION = "sme-resolution";
    public static final String LEAVE_ONE_OUT_MAJORITY = "leave-one-out-majority";
    /** Method reported when no label could be compared with a reference. */
    public static final String NONE = "none";

    /**
     * @param value                     hits / compared, or {@code null} if nothing was compared
     * @param method                    {@value #SME_RESOLUTION}, {@value #LEAVE_ONE_OUT_MAJORITY},
     *                                  both joined by '+', or {@value #NONE}
     * @param perClass                  per reference category index: hits / compared, or
     *                                  {@code null} when no label had that reference
     * @param compared                  labels compared with a reference
     * @param hits                      labels equal to their reference
     * @param bySmeResolution           labels whose reference was an SME resolution
     * @param byLeaveOneOutMajority     labels whose reference was the others' majority
     * @param skippedTies               labels skipped because the other labels tied
     * @param skippedWithoutOtherLabels labels skipped because they were alone on an unresolved item
     */
    public record Result(Double value, String method, Double[] perClass, long compared, long hits,
            long bySmeResolution, long byLeaveOneOutMajority, long skippedTies,
            long skippedWithoutOtherLabels) {
    }

    private HumanLevelPerformance() {
    }

    /** One item's part of HLP: of its labels, how many met a reference and how many equal it. */
    public record OnItem(int hits, int compared) {
        public static final OnItem NOTHING = new OnItem(0, 0);
    }

    /**
     * HLP's definition on one item, for callers that need it item by item (error analysis weighs
     * items by slice); {@link AgreementAccumulator#add} applies the same rule while it counts per
     * class. {@code counts[c]} is the item's number of labels of category c.
     *
     * @param reference the SME-resolved category, or -1: then each label meets the majority of the
     *                  other labels, and none where they tie or where there is no other label
     */
    public static OnItem onItem(int[] counts, int reference) {
        int n = 0;
        for (int c : counts) n += c;
        if (reference >= 0) return new OnItem(counts[reference], n);
        if (n < 2) return OnItem.NOTHING;
        int hits = 0;
        int compared = 0;
        for (int own = 0; own < counts.length; own++) {
            if (counts[own] == 0) continue;
            counts[own]--;
            int majority = Majority.category(counts);
            counts[own]++;
            if (majority == Majority.NONE) continue;
            compared += counts[own];
            if (majority == own) hits += counts[own];
        }
        return new OnItem(hits, compared);
    }

    public static Result of(AgreementAccumulator accumulator) {
        int categories = accumulator.categories();
        Double[] perClass = new Double[categories];
        long compared = 0;
        long hits = 0;
        for (int c = 0; c < categories; c++) {
            long classCompared = accumulator.hlpCompared(c);
            long classHits = accumulator.hlpHits(c);
            compared += classCompared;
            hits += classHits;
            perClass[c] = classCompared == 0 ? null : (double) classHits / classCompared;
        }
        long bySme = accumulator.hlpBySmeResolution();
        long byMajority = accumulator.hlpByLeaveOneOutMajority();
        String method;
        if (bySme > 0 && byMajority > 0) {
            method = SME_RESOLUTION + "+" + LEAVE_ONE_OUT_MAJORITY;
        } else if (bySme > 0) {
            method = SME_RESOLUTION;
        } else if (byMajority > 0) {
            method = LEAVE_ONE_OUT_MAJORITY;
        } else {
            method = NONE;
        }
        return new Result(compared == 0 ? null : (double) hits / compared, method, perClass,
                compared, hits, bySme, byMajority, accumulator.hlpSkippedTies(),
                accumulator.hlpSkippedWithoutOtherLabels());
    }
}
