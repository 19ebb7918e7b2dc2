package dev.concord.agreement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the agreement dashboard and {@code GET /api/projects/{slug}/agreement} show, built
 * from one {@link AgreementAccumulator}, with categories and labelers named. Field names are the
 * API's; undefined values are {@code null}, never {@code NaN}.
 *
 * @param examples               items fed to the accumulator
 * @param labels                 labels over all items
 * @param labelers               labelers with at least one label
 * @param percentAgreement       {@link PercentAgreement}
 * @param cohenKappa             two labelers: their {@link CohenKappa}; more: the mean over pairs
 *                               whose kappa is defined; {@code null} if none is
 * @param fleissKappa            {@link FleissKappa}; {@code null} unless every labeled item has
 *                               the same number (≥ 2) of labels
 * @param krippendorffAlpha      {@link KrippendorffAlpha}, nominal, missing labels allowed
 * @param krippendorffAlphaCI95  {@code [lower, upper]} item bootstrap ({@link
 *                               KrippendorffAlpha#bootstrap}), or {@code null}
 * @param hlp                    {@link HumanLevelPerformance}
 * @param perLabeler             {@link LabelerStats} of the labelers with at least one label
 * @param confusion              {@link LabelConfusion}
 * @param cohenKappaMatrix       pairwise kappa among the labelers of {@code perLabeler}
 * @param slices                 pattern-based measures per slice ({@link SliceAgreement})
 * @param undefinedReasons       metric name → why it is {@code null}, for the metrics that are
 */
public record AgreementReport(
        long examples,
        long labels,
        int labelers,
        Double percentAgreement,
        Double cohenKappa,
        Double fleissKappa,
        Double krippendorffAlpha,
        double[] krippendorffAlphaCI95,
        Hlp hlp,
        List<Labeler> perLabeler,
        Confusion confusion,
        KappaMatrix cohenKappaMatrix,
        List<Slice> slices,
        Map<String, String> undefinedReasons) {

    /** HLP as shown: {@code perClass} is keyed by category name, in category order. */
    /**
     * HLP and how it was reached: {@code bySmeResolution} labels were compared with an SME's
     * resolution, {@code byLeaveOneOutMajority} with the majority of the other labels; {@code
     * skippedTies} labels had other labels that tied, {@code skippedWithoutOtherLabels} were alone
     * on an unresolved example (see {@link HumanLevelPerformance}).
     */
    public record Hlp(Double value, String method, Map<String, Double> perClass, long compared,
            long bySmeResolution, long byLeaveOneOutMajority, long skippedTies, long skippedWithoutOtherLabels) {
    }

    public record Labeler(String labeler, long labels, Double agreementWithOthers,
            Double uncertainRate) {
    }

    /** Pairwise label co-occurrence, rows and columns in the order of {@code labels}. */
    public record Confusion(List<String> labels, long[][] counts) {
    }

    /** Symmetric; the diagonal and undefined pairs are {@code null}. */
    public record KappaMatrix(List<String> labelers, Double[][] values) {
    }

    public record Slice(String slice, long examples, long labels, Double percentAgreement,
            Double fleissKappa, Double krippendorffAlpha) {
    }

    /**
     * Report with the default bootstrap ({@link KrippendorffAlpha#DEFAULT_REPLICATES} replicates,
     * seed {@link KrippendorffAlpha#DEFAULT_SEED}).
     */
    public static AgreementReport of(AgreementAccumulator accumulator, List<String> categoryNames,
            List<String> labelerNames, List<String> sliceNames) {
        return of(accumulator, categoryNames, labelerNames, sliceNames,
                KrippendorffAlpha.DEFAULT_REPLICATES, KrippendorffAlpha.DEFAULT_SEED);
    }

    /**
     * @param categoryNames one name per category index
     * @param labelerNames  one name per labeler index
     * @param sliceNames    one name per slice index (empty if the accumulator has no slices)
     */
    public static AgreementReport of(AgreementAccumulator accumulator, List<String> categoryNames,
            List<String> labelerNames, List<String> sliceNames, int bootstrapReplicates,
            long bootstrapSeed) {
        requireSize(categoryNames, accumulator.categories(), "category names");
        requireSize(labelerNames, accumulator.labelers(), "labeler names");
        requireSize(sliceNames, accumulator.slices(), "slice names");
        PatternTable patterns = accumulator.patterns();
        Map<String, String> undefinedReasons = new LinkedHashMap<>();

        PercentAgreement.Result percent = PercentAgreement.of(patterns);
        if (percent.value() == null) {
            undefinedReasons.put("percentAgreement", "no example has 2 or more labels");
        }

        List<Labeler> perLabeler = new ArrayList<>();
        List<String> activeNames = new ArrayList<>();
        int[] active = activeLabelers(accumulator);
        for (int labeler : active) {
            LabelerStats.Result stats = LabelerStats.of(accumulator, labeler);
            perLabeler.add(new Labeler(labelerNames.get(labeler), stats.labels(),
                    stats.agreementWithOthers(), stats.uncertainRate()));
            activeNames.add(labelerNames.get(labeler));
        }

        CohenKappa.Matrix kappas = CohenKappa.matrix(accumulator, active);
        if (kappas.mean() == null) {
            undefinedReasons.put("cohenKappa", active.length < 2
                    ? "fewer than 2 labelers"
                    : "no pair of labelers has a defined kappa (no shared examples or one category)");
        }

        FleissKappa.Result fleiss = FleissKappa.of(patterns);
        if (fleiss.value() == null) {
            undefinedReasons.put("fleissKappa", fleiss.undefinedReason());
        }

        KrippendorffAlpha.Result alpha = KrippendorffAlpha.of(patterns);
        double[] interval = null;
        if (alpha.value() == null) {
            undefinedReasons.put("krippendorffAlpha", alpha.pairableValues() < 2
                    ? "no example has 2 or more labels"
                    : "all paired labels are in one category");
        } else {
            interval = KrippendorffAlpha.bootstrap(patterns, bootstrapReplicates, bootstrapSeed, 0.95)
                    .asArray();
        }

        HumanLevelPerformance.Result hlp = HumanLevelPerformance.of(accumulator);
        Map<String, Double> hlpPerClass = new LinkedHashMap<>();
        for (int c = 0; c < accumulator.categories(); c++) {
            hlpPerClass.put(categoryNames.get(c), hlp.perClass()[c]);
        }
        if (hlp.value() == null) {
            undefinedReasons.put("hlp", "no label has a reference (SME resolution or a"
                    + " majority of other labels)");
        }

        List<Slice> slices = new ArrayList<>();
        for (int s = 0; s < accumulator.slices(); s++) {
            SliceAgreement.Result slice = SliceAgreement.of(accumulator, s);
            slices.add(new Slice(sliceNames.get(s), slice.items(), slice.labels(),
                    slice.percentAgreement().value(), slice.fleissKappa().value(),
                    slice.krippendorffAlpha().value()));
        }

        return new AgreementReport(
                accumulator.items(),
                accumulator.labels(),
                active.length,
                percent.value(),
                kappas.mean(),
                fleiss.value(),
                alpha.value(),
                interval,
                new Hlp(hlp.value(), hlp.method(), hlpPerClass, hlp.compared(), hlp.bySmeResolution(),
                        hlp.byLeaveOneOutMajority(), hlp.skippedTies(), hlp.skippedWithoutOtherLabels()),
                perLabeler,
                new Confusion(List.copyOf(categoryNames), LabelConfusion.of(patterns).counts()),
                new KappaMatrix(activeNames, kappas.values()),
                slices,
                undefinedReasons);
    }

    private static int[] activeLabelers(AgreementAccumulator accumulator) {
        int count = 0;
        for (int l = 0; l < accumulator.labelers(); l++) {
            if (accumulator.labelsBy(l) > 0) {
                count++;
            }
        }
        int[] active = new int[count];
        int i = 0;
        for (int l = 0; l < accumulator.labelers(); l++) {
            if (accumulator.labelsBy(l) > 0) {
                active[i++] = l;
            }
        }
        return active;
    }

    private static void requireSize(List<String> names, int expected, String what) {
        if (names.size() != expected) {
            throw new IllegalArgumentException(
                    "expected " + expected + " " + what + ", got " + names.size());
        }
    }
}
