package dev.concord.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitsTest {

    private static DatasetSpec spec(long seed) {
        LinkedHashMap<String, Double> splits = new LinkedHashMap<>();
        splits.put("train", 0.8);
        splits.put("dev", 0.1);
        splits.put("test", 0.1);
        return new DatasetSpec(splits, seed, false, "majority", "label", Map.of(), Map.of("train", "train", "dev", "dev", "test", "test"));
    }

    /** Ids 1000, 1007, ... with labels a, b, c in turn, except that 'a' is twice as frequent. */
    private static long[] ids(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) ids[i] = 1000 + 7L * i;
        return ids;
    }

    private static String[] labels(int n) {
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) labels[i] = switch (i % 4) { case 0, 1 -> "a"; case 2 -> "b"; default -> "c"; };
        return labels;
    }

    private static String[] assign(long[] ids, String[] labels, Snapshot previous, int version, DatasetSpec spec, int[] first) {
        String[] split = new String[ids.length];
        Splits.assign(ids, labels, ids.length, previous, version, spec, split, first);
        return split;
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedOthers() {
        long[] ids = ids(200);
        String[] labels = labels(200);
        String[] once = assign(ids, labels, Snapshot.EMPTY, 1, spec(42), new int[200]);
        String[] again = assign(ids, labels, Snapshot.EMPTY, 1, spec(42), new int[200]);
        assertArrayEquals(once, again);
        assertNotEquals(java.util.Arrays.asList(once), java.util.Arrays.asList(assign(ids, labels, Snapshot.EMPTY, 1, spec(43), new int[200])));
    }

    @Test
    void eachClassIsSplitWithinRoundingOfTheRatios() {
        for (int n : new int[] {7, 40, 200, 1001}) {
            long[] ids = ids(n);
            String[] labels = labels(n);
            String[] split = assign(ids, labels, Snapshot.EMPTY, 1, spec(42), new int[n]);
            assertWithinRounding(labels, split, spec(42), n);
        }
    }

    @Test
    void examplesReleasedBeforeKeepTheirSplitAndNewOnesFillTheShares() {
        int before = 120;
        int after = 200;
        long[] ids = ids(after);
        String[] labels = labels(after);
        int[] firstBefore = new int[before];
        String[] v1 = assign(java.util.Arrays.copyOf(ids, before), java.util.Arrays.copyOf(labels, before), Snapshot.EMPTY, 1, spec(42), firstBefore);
        Snapshot.Builder b = new Snapshot.Builder(before);
        for (int i = 0; i < before; i++) b.add(ids[i], v1[i], 1, labels[i], "MAJORITY", 1.0);
        Snapshot previous = b.build();

        int[] first = new int[after];
        // another seed on v2: it may not move what v1 released
        String[] v2 = assign(ids, labels, previous, 2, spec(7), first);
        for (int i = 0; i < before; i++) {
            assertEquals(v1[i], v2[i], "example " + ids[i] + " keeps its split");
            assertEquals(1, first[i]);
        }
        for (int i = before; i < after; i++) assertEquals(2, first[i]);
        assertWithinRounding(labels, v2, spec(7), after);
    }

    @Test
    void aNewExamplesSplitDependsOnItsIdAndTheSeedNotOnItsNeighbours() {
        // the seeded order of an example is a function of (seed, id): dropping others only changes
        // how many go where, so at the extreme of one example per class it goes to the largest split
        long[] one = {1000};
        assertEquals("train", assign(one, new String[] {"a"}, Snapshot.EMPTY, 1, spec(42), new int[1])[0]);
    }

    private static void assertWithinRounding(String[] labels, String[] split, DatasetSpec spec, int n) {
        Map<String, Integer> classSize = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            classSize.merge(labels[i], 1, Integer::sum);
            counts.merge(labels[i] + "/" + split[i], 1, Integer::sum);
        }
        for (String label : classSize.keySet()) {
            for (Map.Entry<String, Double> s : spec.splits().entrySet()) {
                double target = s.getValue() * classSize.get(label);
                int got = counts.getOrDefault(label + "/" + s.getKey(), 0);
                assertTrue(Math.abs(got - target) < 1, label + " in " + s.getKey() + ": " + got + " for a target of " + target + " (n=" + n + ")");
            }
        }
    }
}
