package dev.concord.agreement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Hand-computed HLP cases for both reference methods. */
class HumanLevelPerformanceTest {

    private static final int NO_REFERENCE = -1;

    @Test
    void mixesSmeResolutionAndLeaveOneOutMajority() {
        AgreementAccumulator accumulator = new AgreementAccumulator(3, 4);
        // A: resolved as 1 → 3 labels compared with 1, one hit (class 1: 1/3)
        add(accumulator, 1, 0, 0, 1);
        // B: unresolved (0,0,1): each 0's others are {0,1} → tie, skipped (2);
        //    the 1's others are {0,0} → reference 0, miss (class 0: 0/1)
        add(accumulator, NO_REFERENCE, 0, 0, 1);
        // C: unresolved (2,2,2): every label's others are {2,2} → 3 hits (class 2: 3/3)
        add(accumulator, NO_REFERENCE, 2, 2, 2);
        // D: unresolved (1,1,0,2): each 1's others {1,0,2} tie → skipped (2);
        //    the 0's and the 2's others are {1,1,x} → reference 1, two misses (class 1: 0/2)
        add(accumulator, NO_REFERENCE, 1, 1, 0, 2);
        // E: a single unresolved label has no reference → skipped
        add(accumulator, NO_REFERENCE, 0);
        // F: a single label with a resolution is compared with it → hit (class 2: 1/1)
        add(accumulator, 2, 2);

        HumanLevelPerformance.Result hlp = HumanLevelPerformance.of(accumulator);

        assertEquals("sme-resolution+leave-one-out-majority", hlp.method());
        assertEquals(10, hlp.compared());
        assertEquals(5, hlp.hits());
        assertEquals(0.5, hlp.value(), 1e-15);
        assertEquals(4, hlp.bySmeResolution());
        assertEquals(6, hlp.byLeaveOneOutMajority());
        assertEquals(4, hlp.skippedTies());
        assertEquals(1, hlp.skippedWithoutOtherLabels());
        assertArrayEquals(new Double[] {0.0, 0.2, 1.0}, hlp.perClass());
    }

    @Test
    void resolutionOverridesTheLabelersMajority() {
        AgreementAccumulator accumulator = new AgreementAccumulator(2, 3);
        add(accumulator, 1, 0, 0, 0);

        HumanLevelPerformance.Result hlp = HumanLevelPerformance.of(accumulator);

        assertEquals("sme-resolution", hlp.method());
        assertEquals(0.0, hlp.value());
        assertArrayEquals(new Double[] {null, 0.0}, hlp.perClass());
    }

    @Test
    void leaveOneOutMajorityNeverCountsTheLabelItself() {
        AgreementAccumulator accumulator = new AgreementAccumulator(2, 2);
        // (0,1): each label's only other label disagrees → 2 misses, not a tie
        add(accumulator, NO_REFERENCE, 0, 1);
        // (1,1): 2 hits
        add(accumulator, NO_REFERENCE, 1, 1);

        HumanLevelPerformance.Result hlp = HumanLevelPerformance.of(accumulator);

        assertEquals("leave-one-out-majority", hlp.method());
        assertEquals(4, hlp.compared());
        assertEquals(0.5, hlp.value());
        // references: 0's reference is 1, 1's reference is 0 on the first item; 1 twice on the second
        assertArrayEquals(new Double[] {0.0, 2.0 / 3}, hlp.perClass());
    }

    /** Adds an item whose i-th label is by labeler i. */
    private static void add(AgreementAccumulator accumulator, int reference, int... categories) {
        int[] labelers = new int[categories.length];
        for (int i = 0; i < labelers.length; i++) {
            labelers[i] = i;
        }
        accumulator.add(labelers, categories, categories.length, reference, -1);
    }

    /** Item by item (error analysis) and all at once (the agreement) are one definition: random items, same sums. */
    @Test
    void onItemAddsUpToTheAccumulatorsHlp() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int categories = 2 + random.nextInt(4);
            AgreementAccumulator accumulator = new AgreementAccumulator(categories, 6);
            long hits = 0;
            long compared = 0;
            for (int item = 0; item < 30; item++) {
                int n = random.nextInt(6);
                int[] labelers = new int[n];
                int[] labels = new int[n];
                int[] counts = new int[categories];
                for (int i = 0; i < n; i++) {
                    labelers[i] = i;
                    labels[i] = random.nextInt(categories);
                    counts[labels[i]]++;
                }
                int reference = random.nextInt(4) == 0 ? random.nextInt(categories) : NO_REFERENCE;
                accumulator.add(labelers, labels, n, reference, -1);
                HumanLevelPerformance.OnItem one = HumanLevelPerformance.onItem(counts, reference);
                hits += one.hits();
                compared += one.compared();
            }
            HumanLevelPerformance.Result all = HumanLevelPerformance.of(accumulator);
            assertEquals(all.hits(), hits, "trial " + trial);
            assertEquals(all.compared(), compared, "trial " + trial);
        }
    }

    @Test
    void onItemByHand() {
        // (0,0,1) unresolved: the two 0s see a tie; the 1 sees {0,0} and misses
        assertEquals(new HumanLevelPerformance.OnItem(0, 1), HumanLevelPerformance.onItem(new int[] {2, 1}, NO_REFERENCE));
        // resolved as 1: all three compared, one hit
        assertEquals(new HumanLevelPerformance.OnItem(1, 3), HumanLevelPerformance.onItem(new int[] {2, 1}, 1));
        // a lone label without a resolution meets no reference
        assertEquals(HumanLevelPerformance.OnItem.NOTHING, HumanLevelPerformance.onItem(new int[] {0, 1}, NO_REFERENCE));
    }
}
