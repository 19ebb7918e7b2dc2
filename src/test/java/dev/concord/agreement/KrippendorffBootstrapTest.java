package dev.concord.agreement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class KrippendorffBootstrapTest {

    private final PatternTable patterns = RatingTable.of(
            DkproComparisonTest.randomRatings(new SplittableRandom(11), 400, 4, 3, 0.15), 3)
            .accumulate().patterns();

    @Test
    void sameSeedGivesTheSameInterval() {
        KrippendorffAlpha.Interval first = KrippendorffAlpha.bootstrap(patterns, 500, 7, 0.95);
        KrippendorffAlpha.Interval second = KrippendorffAlpha.bootstrap(patterns, 500, 7, 0.95);

        assertEquals(first, second);
    }

    @Test
    void differentSeedsGiveSlightlyDifferentIntervals() {
        double[] a = KrippendorffAlpha.bootstrap(patterns, 500, 7, 0.95).asArray();
        double[] b = KrippendorffAlpha.bootstrap(patterns, 500, 8, 0.95).asArray();

        assertFalse(a[0] == b[0] && a[1] == b[1]);
        assertEquals(a[0], b[0], 0.05);
        assertEquals(a[1], b[1], 0.05);
    }

    @Test
    void intervalIsOrderedAndContainsThePointEstimate() {
        double alpha = KrippendorffAlpha.of(patterns).value();
        KrippendorffAlpha.Interval interval = KrippendorffAlpha.bootstrap95(patterns);

        assertEquals(KrippendorffAlpha.DEFAULT_REPLICATES, interval.replicates());
        assertEquals(KrippendorffAlpha.DEFAULT_SEED, interval.seed());
        assertEquals(interval.replicates(), interval.definedReplicates());
        assertTrue(interval.lower() <= interval.upper());
        assertTrue(interval.lower() < alpha && alpha < interval.upper(),
                interval + " should contain " + alpha);
        // 400 items: the interval is informative, neither a point nor the whole range
        assertTrue(interval.upper() - interval.lower() > 0.01);
        assertTrue(interval.upper() - interval.lower() < 0.3);
    }

    @Test
    void intervalNarrowsWithMoreItems() {
        PatternTable large = RatingTable.of(
                DkproComparisonTest.randomRatings(new SplittableRandom(11), 4000, 4, 3, 0.15), 3)
                .accumulate().patterns();

        double[] small = KrippendorffAlpha.bootstrap95(patterns).asArray();
        double[] big = KrippendorffAlpha.bootstrap95(large).asArray();

        assertTrue(big[1] - big[0] < small[1] - small[0]);
    }

    /**
     * The pattern-level Poisson bootstrap must behave like the textbook (multinomial) bootstrap
     * that copies rows: on a moderate dataset both intervals agree within Monte Carlo error.
     */
    @Test
    void agreesWithANaiveRowBootstrap() {
        int[][] rows = DkproComparisonTest.randomRatings(new SplittableRandom(12), 300, 4, 3, 0.15);
        int[][] pairable = Arrays.stream(rows)
                .filter(row -> Arrays.stream(row).filter(v -> v >= 0).count() >= 2)
                .toArray(int[][]::new);
        SplittableRandom random = new SplittableRandom(99);
        int replicates = 2000;
        double[] alphas = new double[replicates];
        int defined = 0;
        for (int r = 0; r < replicates; r++) {
            int[][] sample = new int[pairable.length][];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = pairable[random.nextInt(pairable.length)];
            }
            Double alpha = KrippendorffAlpha.of(RatingTable.of(sample, 3).accumulate().patterns()).value();
            if (alpha != null) {
                alphas[defined++] = alpha;
            }
        }
        Arrays.sort(alphas, 0, defined);
        double naiveLower = KrippendorffAlpha.quantile(alphas, defined, 0.025);
        double naiveUpper = KrippendorffAlpha.quantile(alphas, defined, 0.975);

        KrippendorffAlpha.Interval ours = KrippendorffAlpha.bootstrap(
                RatingTable.of(rows, 3).accumulate().patterns(), replicates, 5, 0.95);

        assertEquals(naiveLower, ours.lower(), 0.015);
        assertEquals(naiveUpper, ours.upper(), 0.015);
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};

        assertEquals(1.0, KrippendorffAlpha.quantile(sorted, 5, 0));
        assertEquals(5.0, KrippendorffAlpha.quantile(sorted, 5, 1));
        assertEquals(3.0, KrippendorffAlpha.quantile(sorted, 5, 0.5));
        assertEquals(1.1, KrippendorffAlpha.quantile(sorted, 5, 0.025), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, sorted);
    }
}
