package dev.concord.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The measures reproduce worked examples from the literature. */
class PublishedExamplesTest {

    private static final int M = -1;

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: nominal data,
     * 4 observers × 12 units with missing values; α = 0.743. Values 1..5 are categories 0..4.
     */
    @Test
    void krippendorffNominalExampleWithMissingData() {
        int[] a = {1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M};
        int[] b = {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3};
        int[] c = {M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M};
        int[] d = {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M};
        int[][] ratings = new int[12][4];
        for (int unit = 0; unit < 12; unit++) {
            int[] observed = {a[unit], b[unit], c[unit], d[unit]};
            for (int observer = 0; observer < 4; observer++) {
                ratings[unit][observer] = observed[observer] == M ? M : observed[observer] - 1;
            }
        }

        KrippendorffAlpha.Result alpha =
                KrippendorffAlpha.of(RatingTable.of(ratings, 5).accumulate().patterns());

        assertEquals(0.743, alpha.value(), 0.0005);
        // unit 12 has a single value and is not pairable: 11 units, 40 pairable values
        assertEquals(11, alpha.items());
        assertEquals(40, alpha.pairableValues());
    }

    /** Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories; κ = 0.210. */
    @Test
    void fleissWikipediaExample() {
        int[][] countsPerSubject = {
                {0, 0, 0, 0, 14},
                {0, 2, 6, 4, 2},
                {0, 0, 3, 5, 6},
                {0, 3, 9, 2, 0},
                {2, 2, 8, 1, 1},
                {7, 7, 0, 0, 0},
                {3, 2, 6, 3, 0},
                {2, 5, 3, 2, 2},
                {6, 5, 2, 1, 0},
                {0, 2, 2, 3, 7}};
        AgreementAccumulator accumulator = new AgreementAccumulator(5, 14);
        int[] labelers = new int[14];
        int[] categories = new int[14];
        for (int[] counts : countsPerSubject) {
            int n = 0;
            for (int category = 0; category < 5; category++) {
                for (int k = 0; k < counts[category]; k++) {
                    labelers[n] = n;
                    categories[n] = category;
                    n++;
                }
            }
            accumulator.add(labelers, categories, n, -1, -1);
        }

        FleissKappa.Result fleiss = FleissKappa.of(accumulator.patterns());

        assertEquals(0.210, fleiss.value(), 0.0005);
        assertEquals(10, fleiss.items());
        assertEquals(14, fleiss.labelsPerItem());
    }

    /**
     * Cohen's kappa as worked on Wikipedia: 50 proposals, both yes 20, A yes / B no 5,
     * A no / B yes 10, both no 15: p_o = 0.7, p_e = 0.5, κ = 0.4.
     */
    @Test
    void cohenWikipediaExample() {
        int yes = 0;
        int no = 1;
        int[][] ratings = new int[50][];
        int item = 0;
        item = fill(ratings, item, 20, yes, yes);
        item = fill(ratings, item, 5, yes, no);
        item = fill(ratings, item, 10, no, yes);
        fill(ratings, item, 15, no, no);

        CohenKappa.Result kappa = CohenKappa.of(RatingTable.of(ratings, 2).accumulate(), 0, 1);

        assertEquals(50, kappa.items());
        assertEquals(0.7, kappa.observedAgreement(), 1e-12);
        assertEquals(0.5, kappa.expectedAgreement(), 1e-12);
        assertEquals(0.4, kappa.value(), 1e-12);
    }

    @Test
    void cohenFromContingencyTableIsOrientationFree() {
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {
                {0, 0}, {0, 1}, {1, 1}, {1, 1}, {2, 0}}, 3).accumulate();

        assertEquals(CohenKappa.of(accumulator, 0, 1).value(),
                CohenKappa.of(accumulator, 1, 0).value(), 1e-15);
        assertEquals(1, accumulator.pairTable(0, 1)[0][1]);
        assertEquals(1, accumulator.pairTable(1, 0)[1][0]);
    }

    @Test
    void percentAgreementAveragesItemsWithTwoOrMoreLabels() {
        // item 1: 3 labels all equal → 1; item 2: (0,0,1) → 1 agreeing pair of 3 → 1/3;
        // item 3: a single label → not counted
        AgreementAccumulator accumulator = RatingTable.of(new int[][] {
                {0, 0, 0}, {0, 0, 1}, {1, M, M}}, 2).accumulate();

        PercentAgreement.Result percent = PercentAgreement.of(accumulator.patterns());

        assertEquals(2, percent.items());
        assertEquals((1 + 1.0 / 3) / 2, percent.value(), 1e-12);
    }

    private static int fill(int[][] ratings, int from, int count, int first, int second) {
        for (int i = 0; i < count; i++) {
            ratings[from + i] = new int[] {first, second};
        }
        return from + count;
    }
}
