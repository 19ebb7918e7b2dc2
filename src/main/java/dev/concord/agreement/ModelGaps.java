package dev.concord.agreement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Error analysis in the course's sense: per slice of the data, the model's accuracy beside
 * human-level performance on the same examples, the gap between them, and the potential of
 * working on the slice — {@code max(gap, 0) × share}, the share being the slice's part of all the
 * examples analysed. Slices are ranked by potential, highest first.
 *
 * <p>Each example brings its slice, the model's score on it (1 or 0 for an exact-match kind; a
 * fraction such as 1 − WER or an F1 for others) and its HLP hits and comparisons ({@link
 * HumanLevelPerformance#onItem}, summed over its rounds). Slice HLP is pooled like the agreement
 * endpoint's: hits over comparisons. Its 95% interval is a Poisson bootstrap over examples: the
 * examples of a slice that share a (hits, comparisons) pair are one group, and a group of k
 * examples gets one Poisson(k) weight per replicate (the sum of k Poisson(1) weights has that
 * law), so a replicate costs a draw per distinct pair rather than per example.
 */
public final class ModelGaps {
    public static final int REPLICATES = 1000;
    public static final long SEED = 42;

    /** One slice's figures; {@code hlp}, its interval, {@code gap} and {@code potential} are null when no label met a reference. */
    public record Slice(String slice, long examples, double share, double accuracy, Double hlp, double[] hlpCI95,
            Double gap, Double potential) {
    }

    /** The whole analysis: every example, then the slices ranked. */
    public record Result(long examples, Double accuracy, Double hlp, double[] hlpCI95, List<Slice> slices) {
    }

    private final Map<String, Acc> slices = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Acc all = new Acc();

    /**
     * Adds one example.
     *
     * @param score       the model's score on it, 0 to 1
     * @param hlpHits     its labels equal to their reference
     * @param hlpCompared its labels that met a reference
     */
    public void add(String slice, double score, int hlpHits, int hlpCompared) {
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("score must be within 0..1, was " + score);
        if (hlpHits < 0 || hlpHits > hlpCompared) throw new IllegalArgumentException("hits " + hlpHits + " of " + hlpCompared);
        Acc acc = slices.get(slice);
        if (acc == null) {
            acc = new Acc();
            slices.put(slice, acc);
            order.add(slice);
        }
        acc.add(score, hlpHits, hlpCompared);
        all.add(score, hlpHits, hlpCompared);
    }

    public Result result() {
        long total = all.examples;
        List<Slice> rows = new ArrayList<>();
        for (String name : order) {
            Acc a = slices.get(name);
            double share = (double) a.examples / total;
            double accuracy = a.score / a.examples;
            Double hlp = a.hlp();
            Double gap = hlp == null ? null : hlp - accuracy;
            rows.add(new Slice(name, a.examples, share, accuracy, hlp, a.interval(seedOf(name)), gap,
                    gap == null ? null : Math.max(gap, 0) * share));
        }
        // Potentials equal but for rounding (0.6 × 0.01 and 0.3 × 0.02) rank as equal: by examples, then name.
        rows.sort(Comparator.comparingLong((Slice s) -> s.potential() == null ? -1 : Math.round(s.potential() * 1e9)).reversed()
                .thenComparing(Comparator.comparingLong(Slice::examples).reversed())
                .thenComparing(Slice::slice));
        return new Result(total, total == 0 ? null : all.score / total, all.hlp(), all.interval(SEED), rows);
    }

    /** Each slice its own stream of the seed, so a slice's interval does not depend on the others. */
    private static long seedOf(String slice) {
        return SEED * 31 + slice.hashCode();
    }

    private static final class Acc {
        long examples;
        double score;
        long hits;
        long compared;
        /** (hits, compared) → how many examples have it. */
        final Map<Long, Long> groups = new HashMap<>();

        void add(double s, int h, int c) {
            examples++;
            score += s;
            hits += h;
            compared += c;
            if (c > 0) groups.merge(((long) h << 32) | c, 1L, Long::sum);
        }

        Double hlp() {
            return compared == 0 ? null : (double) hits / compared;
        }

        double[] interval(long seed) {
            if (compared == 0) return null;
            int g = groups.size();
            long[] h = new long[g];
            long[] c = new long[g];
            long[] k = new long[g];
            int i = 0;
            for (Map.Entry<Long, Long> e : groups.entrySet()) {
                h[i] = e.getKey() >>> 32;
                c[i] = e.getKey() & 0xffffffffL;
                k[i] = e.getValue();
                i++;
            }
            SplittableRandom random = new SplittableRandom(seed);
            double[] values = new double[REPLICATES];
            int kept = 0;
            for (int r = 0; r < REPLICATES; r++) {
                double hitSum = 0;
                double comparedSum = 0;
                for (int j = 0; j < g; j++) {
                    long w = PoissonSampler.sample(random, k[j]);
                    hitSum += w * h[j];
                    comparedSum += w * c[j];
                }
                if (comparedSum > 0) values[kept++] = hitSum / comparedSum;
            }
            if (kept == 0) return null;
            java.util.Arrays.sort(values, 0, kept);
            return new double[] {values[(int) Math.floor(0.025 * (kept - 1))], values[(int) Math.ceil(0.975 * (kept - 1))]};
        }
    }
}
