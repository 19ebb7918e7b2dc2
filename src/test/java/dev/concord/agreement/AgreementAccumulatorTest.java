package dev.concord.agreement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AgreementAccumulatorTest {

    private static final int M = -1;
    private static final List<String> CATEGORIES = List.of("dent", "scratch", "ok", "uncertain");
    private static final List<String> LABELERS = List.of("ann", "bob", "cy", "dee", "eve");
    private static final List<String> DEVICES = List.of("phone", "tablet");

    @Test
    void mergingChunksEqualsOnePass() {
        SplittableRandom random = new SplittableRandom(21);
        int items = 3000;
        RatingTable table = RatingTable.of(DkproComparisonTest.randomRatings(random, items, 5, 4, 0.2), 4)
                .withReferences(random.ints(items, -6, 4).map(r -> Math.max(r, -1)).toArray())
                .withSlices(random.ints(items, -1, 2).toArray(), 2)
                .withUncertainCategory(3);

        AgreementAccumulator onePass = table.accumulate();
        AgreementAccumulator merged = new AgreementAccumulator(4, 5, 2, 3);
        int[] bounds = {0, 700, 701, 2100, items};
        for (int chunk = 0; chunk + 1 < bounds.length; chunk++) {
            AgreementAccumulator part = new AgreementAccumulator(4, 5, 2, 3);
            table.feed(part, bounds[chunk], bounds[chunk + 1]);
            merged.merge(part);
        }

        assertSameReport(report(onePass), report(merged));
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                if (a != b) {
                    assertArrayEquals(onePass.pairTable(a, b), merged.pairTable(a, b));
                }
            }
        }
    }

    @Test
    void confusionCountsEachPairOfLabelsOnceAndSymmetrically() {
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {{0, 0, 1}, {2, M, 2}}, 3)
                .accumulate();

        LabelConfusion.Result confusion = LabelConfusion.of(accumulator.patterns());

        // item 1: one (0,0) pair, two (0,1) pairs; item 2: one (2,2) pair
        assertArrayEquals(new long[][] {{1, 2, 0}, {2, 0, 0}, {0, 0, 1}}, confusion.counts());
        assertEquals(4, confusion.pairs());
    }

    @Test
    void perLabelerAgreementAndUncertainRate() {
        int uncertain = 2;
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {
                {0, 0, 1},
                {uncertain, 1, 1},
                {0, M, M}}, 3).withUncertainCategory(uncertain).accumulate();

        LabelerStats.Result first = LabelerStats.of(accumulator, 0);
        LabelerStats.Result second = LabelerStats.of(accumulator, 1);

        // labeler 0: item 1 pairs (0,0) agree, (0,1) not; item 2 (u,1),(u,1) not; item 3 none
        assertEquals(3, first.labels());
        assertEquals(4, first.pairs());
        assertEquals(0.25, first.agreementWithOthers());
        assertEquals(1.0 / 3, first.uncertainRate(), 1e-15);
        // labeler 1: (0,0) yes, (0,1) no, (1,u) no, (1,1) yes
        assertEquals(0.5, second.agreementWithOthers());
        assertEquals(0.0, second.uncertainRate());
    }

    @Test
    void slicesAreTheMeasuresRestrictedToTheirItems() {
        int[][] ratings = {{0, 0}, {1, 1}, {0, 1}, {1, 0}, {0, 0}};
        int[] slices = {0, 0, 1, 1, M};
        AgreementAccumulator accumulator = RatingTable.of(ratings, 2).withSlices(slices, 2).accumulate();

        SliceAgreement.Result phone = SliceAgreement.of(accumulator, 0);
        SliceAgreement.Result tablet = SliceAgreement.of(accumulator, 1);

        assertEquals(2, phone.items());
        assertEquals(1.0, phone.percentAgreement().value());
        assertEquals(1.0, phone.krippendorffAlpha().value(), 1e-15);
        assertEquals(0.0, tablet.percentAgreement().value());
        assertEquals(5, accumulator.items());
    }

    @Test
    void tablesStayCompactWhateverTheNumberOfItems() {
        RatingTable table = RatingTable.of(
                DkproComparisonTest.randomRatings(new SplittableRandom(4), 50_000, 5, 4, 0.1), 4);

        AgreementAccumulator accumulator = table.accumulate();

        // count vectors of at most 5 labels over 4 categories: C(5 + 4, 4) = 126
        assertTrue(accumulator.patterns().patternCount() <= 126);
        assertEquals(50_000, accumulator.items());
    }

    @Test
    void rejectsALabelerLabelingTheSameItemTwice() {
        AgreementAccumulator accumulator = new AgreementAccumulator(2, 2);

        assertThrows(IllegalArgumentException.class,
                () -> accumulator.add(new int[] {1, 1}, new int[] {0, 1}, 2, -1, -1));
    }

    @Test
    void rejectsIndicesOutOfRange() {
        AgreementAccumulator accumulator = new AgreementAccumulator(2, 2, 1, -1);

        assertThrows(IllegalArgumentException.class,
                () -> accumulator.add(new int[] {0}, new int[] {2}, 1, -1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> accumulator.add(new int[] {2}, new int[] {0}, 1, -1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> accumulator.add(new int[] {0}, new int[] {0}, 1, 5, -1));
        assertThrows(IllegalArgumentException.class,
                () -> accumulator.add(new int[] {0}, new int[] {0}, 1, -1, 1));
    }

    @Test
    void onlyTheFirstNEntriesOfReusedArraysAreRead() {
        AgreementAccumulator accumulator = new AgreementAccumulator(2, 3);

        accumulator.add(new int[] {0, 1, 1}, new int[] {0, 0, 5}, 2, -1, -1);

        assertEquals(2, accumulator.labels());
        assertEquals(1.0, PercentAgreement.of(accumulator.patterns()).value());
    }

    @Test
    void mergeRejectsDifferentDimensions() {
        assertThrows(IllegalArgumentException.class,
                () -> new AgreementAccumulator(2, 3).merge(new AgreementAccumulator(3, 3)));
    }

    private static AgreementReport report(AgreementAccumulator accumulator) {
        return AgreementReport.of(accumulator, CATEGORIES, LABELERS, DEVICES, 200, 3);
    }

    /** Field-by-field, since records compare arrays by identity. */
    static void assertSameReport(AgreementReport expected, AgreementReport actual) {
        assertEquals(expected.examples(), actual.examples());
        assertEquals(expected.labels(), actual.labels());
        assertEquals(expected.labelers(), actual.labelers());
        assertEquals(expected.percentAgreement(), actual.percentAgreement(), 1e-12);
        assertEquals(expected.cohenKappa(), actual.cohenKappa(), 1e-12);
        assertEquals(expected.fleissKappa(), actual.fleissKappa());
        assertEquals(expected.krippendorffAlpha(), actual.krippendorffAlpha(), 1e-12);
        assertArrayEquals(expected.krippendorffAlphaCI95(), actual.krippendorffAlphaCI95(), 1e-12);
        assertEquals(expected.hlp(), actual.hlp());
        assertEquals(expected.perLabeler(), actual.perLabeler());
        assertEquals(expected.confusion().labels(), actual.confusion().labels());
        assertArrayEquals(expected.confusion().counts(), actual.confusion().counts());
        assertArrayEquals(expected.cohenKappaMatrix().values(), actual.cohenKappaMatrix().values());
        assertEquals(expected.slices().size(), actual.slices().size());
        for (int s = 0; s < expected.slices().size(); s++) {
            AgreementReport.Slice e = expected.slices().get(s);
            AgreementReport.Slice a = actual.slices().get(s);
            assertEquals(e.slice(), a.slice());
            assertEquals(e.examples(), a.examples());
            assertEquals(e.labels(), a.labels());
            assertEquals(e.percentAgreement(), a.percentAgreement(), 1e-12);
            assertEquals(e.krippendorffAlpha(), a.krippendorffAlpha(), 1e-12);
        }
        assertEquals(expected.undefinedReasons(), actual.undefinedReasons());
    }
}
