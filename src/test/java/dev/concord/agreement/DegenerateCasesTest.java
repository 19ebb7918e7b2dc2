package dev.concord.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Data on which a measure is undefined gives {@code null} with a reason, never NaN. */
class DegenerateCasesTest {

    private static final int M = -1;
    private static final List<String> TWO = List.of("cat", "dog");

    @Test
    void oneCategoryOnlyLeavesChanceCorrectedMeasuresUndefined() {
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {
                {0, 0, 0}, {0, 0, 0}, {0, 0, M}}, 2).accumulate();

        assertNull(KrippendorffAlpha.of(accumulator.patterns()).value());
        assertNull(CohenKappa.of(accumulator, 0, 1).value());
        FleissKappa.Result fleiss = FleissKappa.of(accumulator.patterns());
        assertNull(fleiss.value());
        assertEquals("items have different numbers of labels", fleiss.undefinedReason());
        // raw agreement is still meaningful: everybody agrees
        assertEquals(1.0, PercentAgreement.of(accumulator.patterns()).value());
    }

    @Test
    void fleissOnCompleteDataWithOneCategorySaysSo() {
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {{1, 1}, {1, 1}}, 2).accumulate();

        FleissKappa.Result fleiss = FleissKappa.of(accumulator.patterns());

        assertNull(fleiss.value());
        assertEquals("all labels are in one category", fleiss.undefinedReason());
    }

    @Test
    void noItemWithTwoLabelsLeavesEverythingPairwiseUndefined() {
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {
                {0, M}, {M, 1}, {1, M}, {M, M}}, 2).accumulate();

        assertNull(PercentAgreement.of(accumulator.patterns()).value());
        assertNull(KrippendorffAlpha.of(accumulator.patterns()).value());
        assertNull(FleissKappa.of(accumulator.patterns()).value());
        CohenKappa.Result kappa = CohenKappa.of(accumulator, 0, 1);
        assertNull(kappa.value());
        assertEquals(0, kappa.items());
        assertNull(kappa.observedAgreement());
        assertNull(HumanLevelPerformance.of(accumulator).value());
        assertNull(KrippendorffAlpha.bootstrap95(accumulator.patterns()).asArray());
    }

    @Test
    void oneLabelerGivesNoAgreementAtAll() {
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {{0}, {1}, {0}}, 2).accumulate();

        AgreementReport report = AgreementReport.of(accumulator, TWO, List.of("ann"), List.of());

        assertEquals(1, report.labelers());
        assertNull(report.percentAgreement());
        assertNull(report.cohenKappa());
        assertNull(report.fleissKappa());
        assertNull(report.krippendorffAlpha());
        assertNull(report.krippendorffAlphaCI95());
        assertNull(report.hlp().value());
        assertEquals("none", report.hlp().method());
        assertNull(report.perLabeler().get(0).agreementWithOthers());
        assertEquals("fewer than 2 labelers", report.undefinedReasons().get("cohenKappa"));
    }

    @Test
    void emptyAccumulatorReportsZerosAndNulls() {
        AgreementReport report = AgreementReport.of(new AgreementAccumulator(2, 2), TWO,
                List.of("ann", "bob"), List.of());

        assertEquals(0, report.examples());
        assertEquals(0, report.labels());
        assertEquals(0, report.labelers());
        assertNull(report.percentAgreement());
        assertNull(report.cohenKappa());
        assertNull(report.fleissKappa());
        assertNull(report.krippendorffAlpha());
        assertTrue(report.perLabeler().isEmpty());
        assertNull(report.hlp().perClass().get("cat"));
    }

    @Test
    void perfectAgreementIsOneNotNaN() {
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {
                {0, 0}, {1, 1}, {0, 0}, {1, 1}}, 2).accumulate();

        assertEquals(1.0, KrippendorffAlpha.of(accumulator.patterns()).value(), 1e-15);
        assertEquals(1.0, FleissKappa.of(accumulator.patterns()).value(), 1e-15);
        assertEquals(1.0, CohenKappa.of(accumulator, 0, 1).value(), 1e-15);
        double[] interval = KrippendorffAlpha.bootstrap95(accumulator.patterns()).asArray();
        assertNotNull(interval);
        assertEquals(1.0, interval[0], 1e-15);
        assertEquals(1.0, interval[1], 1e-15);
    }

    @Test
    void kappaMatrixMeanSkipsUndefinedPairs() {
        // labelers 0 and 1 share items; labeler 2 shares none with 0 → that pair is undefined
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {
                {0, 0, M}, {1, 1, M}, {0, 1, M}, {M, 0, 0}, {M, 1, 1}}, 2).accumulate();

        CohenKappa.Matrix matrix = CohenKappa.matrix(accumulator);

        assertNull(matrix.values()[0][2]);
        assertNull(matrix.values()[0][0]);
        assertEquals(2, matrix.definedPairs());
        double kappa01 = CohenKappa.of(accumulator, 0, 1).value();
        double kappa12 = CohenKappa.of(accumulator, 1, 2).value();
        assertEquals((kappa01 + kappa12) / 2, matrix.mean(), 1e-15);
    }

    @Test
    void noDoubleInTheReportIsNaN() {
        int[][] ratings = DkproComparisonTest.randomRatings(new SplittableRandom(5), 50, 4, 3, 0.3);
        AgreementReport report = AgreementReport.of(RatingTable.of(ratings, 3).accumulate(),
                List.of("a", "b", "c"), List.of("w", "x", "y", "z"), List.of(), 50, 1);

        assertFinite(report.percentAgreement());
        assertFinite(report.cohenKappa());
        assertFinite(report.krippendorffAlpha());
        assertFinite(report.hlp().value());
        for (AgreementReport.Labeler labeler : report.perLabeler()) {
            assertFinite(labeler.agreementWithOthers());
        }
        for (Double[] row : report.cohenKappaMatrix().values()) {
            for (Double value : row) {
                assertTrue(value == null || Double.isFinite(value));
            }
        }
    }

    private static void assertFinite(Double value) {
        assertNotNull(value);
        assertTrue(Double.isFinite(value), "finite: " + value);
    }
}
