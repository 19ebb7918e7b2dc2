package dev.concord.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Split assignment that is stratified, reproducible and stable: an example released before keeps
 * the split it got then (the previous version's {@link Snapshot}), so nothing moves from test to
 * train between versions. New examples of each class are ordered by a seeded shuffle and each goes
 * to the split furthest below its target share of that class.
 */
final class Splits {
    private Splits() {}

    /**
     * @param ids      the released examples, in increasing id order
     * @param labels   their labels
     * @param split    out: each released example's split
     * @param first    out: the version that first gave it that split
     */
    static void assign(long[] ids, String[] labels, int n, Snapshot previous, int version, DatasetSpec spec, String[] split, int[] first) {
        List<String> names = new ArrayList<>(spec.splits().keySet());
        Map<String, int[]> newByClass = new LinkedHashMap<>();
        Map<String, Integer> newCount = new HashMap<>();
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        Map<String, Integer> classSize = new HashMap<>();
        for (int i = 0; i < n; i++) {
            classSize.merge(labels[i], 1, Integer::sum);
            int p = previous.indexOf(ids[i]);
            if (p >= 0) {
                split[i] = previous.split[p];
                first[i] = previous.firstVersion[p];
                counts.computeIfAbsent(labels[i], k -> new HashMap<>()).merge(split[i], 1, Integer::sum);
            } else {
                newCount.merge(labels[i], 1, Integer::sum);
            }
        }
        for (int i = 0; i < n; i++) {
            if (split[i] != null) continue;
            int[] list = newByClass.computeIfAbsent(labels[i], k -> new int[newCount.get(k) + 1]);
            list[++list[0]] = i;
        }
        Map<String, Integer> splitIndex = new HashMap<>();
        for (int s = 0; s < names.size(); s++) splitIndex.put(names.get(s), s);
        for (Map.Entry<String, int[]> entry : newByClass.entrySet()) {
            int[] list = entry.getValue();
            int m = list[0];
            // A seeded key per example: the order depends on the seed and the example, not on the query.
            long[] keys = new long[m];
            Integer[] order = new Integer[m];
            for (int j = 0; j < m; j++) {
                keys[j] = new SplittableRandom(spec.seed() * 1_000_003L + ids[list[j + 1]]).nextLong();
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b])); // stable: ties keep id order
            int[] current = new int[names.size()];
            Map<String, Integer> existing = counts.getOrDefault(entry.getKey(), Map.of());
            for (Map.Entry<String, Integer> e : existing.entrySet()) {
                Integer s = splitIndex.get(e.getKey());
                if (s != null) current[s] = e.getValue();
            }
            int total = classSize.get(entry.getKey());
            for (int j = 0; j < m; j++) {
                int best = 0;
                double bestDeficit = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < names.size(); s++) {
                    double deficit = spec.splits().get(names.get(s)) * total - current[s];
                    if (deficit > bestDeficit + 1e-12) {
                        bestDeficit = deficit;
                        best = s;
                    }
                }
                current[best]++;
                int i = list[order[j] + 1];
                split[i] = names.get(best);
                first[i] = version;
            }
        }
    }
}
