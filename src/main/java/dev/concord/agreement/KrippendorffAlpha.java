package dev.concord.agreement;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Krippendorff's alpha for nominal data with missing labels, and a bootstrap confidence interval.
 *
 * <p>Following Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": only
 * <em>pairable</em> values count, i.e. items with at least two labels. Item {@code u} with
 * {@code m_u} labels adds {@code n_uc · n_uk / (m_u − 1)} to the coincidence {@code o_ck}
 * ({@code n_uc (n_uc − 1) / (m_u − 1)} on the diagonal). With {@code n_c = Σ_k o_ck} and
 * {@code n = Σ_c n_c}:
 * <pre>
 *   α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k
 * </pre>
 * i.e. {@code 1 − D_o / D_e} with {@code D_o = Σ_{c≠k} o_ck / n} and
 * {@code D_e = Σ_{c≠k} n_c n_k / (n (n − 1))}. Undefined ({@code null}) when there are fewer than
 * two pairable values or when they all fall in one category ({@code D_e = 0}).
 *
 * <p>Per item only {@code m_u}, {@code Σ_{c≠k} n_uc n_uk = m_u² − Σ_c n_uc²} and the
 * {@code n_uc} matter, so everything is computed from a {@link PatternTable}.
 */
public final class KrippendorffAlpha {

    /** Default seed of the bootstrap, so that the same data always gives the same interval. */
    public static final long DEFAULT_SEED = 42L;
    /** Default number of bootstrap replicates. */
    public static final int DEFAULT_REPLICATES = 1000;

    /**
     * @param items                 pairable items (with at least two labels)
     * @param pairableValues        labels on those items ({@code n})
     * @param categories            number of categories of the scale
     * @param observedDisagreement  {@code D_o}, or {@code null} if fewer than two pairable values
     * @param expectedDisagreement  {@code D_e}, or {@code null} if fewer than two pairable values
     * @param value                 alpha, or {@code null} when undefined
     */
    public record Result(long items, long pairableValues, int categories,
            Double observedDisagreement, Double expectedDisagreement, Double value) {
    }

    /**
     * A percentile bootstrap interval.
     *
     * @param lower             lower bound, or {@code null} if no replicate was defined
     * @param upper             upper bound, or {@code null} if no replicate was defined
     * @param level             coverage, e.g. 0.95
     * @param replicates        replicates drawn
     * @param definedReplicates replicates whose alpha was defined (the others are ignored)
     * @param seed              seed of the {@link SplittableRandom}
     */
    public record Interval(Double lower, Double upper, double level, int replicates,
            int definedReplicates, long seed) {

        /** {@code [lower, upper]}, or {@code null} if the interval is undefined (for JSON). */
        public double[] asArray() {
            return lower == null ? null : new double[] {lower, upper};
        }
    }

    private KrippendorffAlpha() {
    }

    public static Result of(PatternTable table) {
        Pairable data = Pairable.of(table);
        long n = data.totalValues;
        if (n < 2) {
            return new Result(data.totalItems, n, table.categories(), null, null, null);
        }
        double observedDisagreementSum = 0;
        long[] valuesByCategory = new long[table.categories()];
        for (int p = 0; p < data.patterns; p++) {
            long multiplicity = data.multiplicities[p];
            observedDisagreementSum += multiplicity * data.disagreement[p];
            for (int c = 0; c < data.categories; c++) {
                valuesByCategory[c] += multiplicity * data.counts[p * data.categories + c];
            }
        }
        double expectedDisagreementSum = expectedDisagreementSum(valuesByCategory, n);
        double observed = observedDisagreementSum / n;
        double expected = expectedDisagreementSum / ((double) n * (n - 1));
        Double value = expectedDisagreementSum == 0
                ? null
                : 1 - (n - 1) * observedDisagreementSum / expectedDisagreementSum;
        return new Result(data.totalItems, n, table.categories(), observed, expected, value);
    }

    /** 95% interval with {@link #DEFAULT_REPLICATES} replicates and {@link #DEFAULT_SEED}. */
    public static Interval bootstrap95(PatternTable table) {
        return bootstrap(table, DEFAULT_REPLICATES, DEFAULT_SEED, 0.95);
    }

    /**
     * Percentile bootstrap interval of alpha over items (examples), by the Poisson bootstrap.
     *
     * <p>Method: only pairable items (at least two labels) matter; the others contribute nothing
     * to alpha. In the classical bootstrap each replicate draws as many items as there are, with
     * replacement, so an item's weight is Multinomial(N; 1/N, …) — marginally Binomial(N, 1/N).
     * The Poisson bootstrap replaces that by independent Poisson(1) weights per item, which is
     * the same distribution up to {@code O(1/N)} and is the standard way to bootstrap large data
     * (Hanley &amp; MacGibbon, "Creating non-parametric bootstrap samples using Poisson
     * frequencies", Computer Methods and Programs in Biomedicine 83 (2006) 57–62; Chamandy,
     * Muralidharan, Najmi &amp; Naidu, "Estimating uncertainty for massive data streams", Google
     * technical report, 2012). Items with the same count vector (pattern) are interchangeable,
     * and a sum of {@code m} independent Poisson(1) variables is Poisson({@code m}), so each
     * replicate draws one Poisson(multiplicity) count per pattern ({@link PoissonSampler}: exact,
     * {@code O(1)} expected time for any mean) and computes alpha from those counts. Cost:
     * {@code O(replicates × patterns × categories)}, independent of the number of items; no
     * per-item memory.
     *
     * <p>Replicates whose alpha is undefined (fewer than two values, or all in one category) are
     * ignored. Bounds are the {@code (1 − level)/2} and {@code (1 + level)/2} quantiles of the
     * defined replicates, interpolated linearly between order statistics (Hyndman–Fan type 7, the
     * default of R and NumPy). The generator is a {@link SplittableRandom} seeded with {@code
     * seed}, used sequentially, so the same data (same pattern order, i.e. items fed in the same
     * order) and seed give the same interval.
     *
     * @return the interval; bounds are {@code null} if alpha itself is undefined or no replicate
     *         is defined
     */
    public static Interval bootstrap(PatternTable table, int replicates, long seed, double level) {
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be >= 1");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1)");
        }
        if (of(table).value() == null) {
            return new Interval(null, null, level, replicates, 0, seed);
        }
        Pairable data = Pairable.of(table);
        SplittableRandom random = new SplittableRandom(seed);
        long[] valuesByCategory = new long[data.categories];
        double[] alphas = new double[replicates];
        int defined = 0;
        for (int r = 0; r < replicates; r++) {
            Arrays.fill(valuesByCategory, 0);
            long n = 0;
            double observedSum = 0;
            for (int p = 0; p < data.patterns; p++) {
                long multiplicity = PoissonSampler.sample(random, data.multiplicities[p]);
                if (multiplicity == 0) {
                    continue;
                }
                n += multiplicity * data.labels[p];
                observedSum += multiplicity * data.disagreement[p];
                int base = p * data.categories;
                for (int c = 0; c < data.categories; c++) {
                    valuesByCategory[c] += multiplicity * data.counts[base + c];
                }
            }
            if (n < 2) {
                continue;
            }
            double expectedSum = expectedDisagreementSum(valuesByCategory, n);
            if (expectedSum != 0) {
                alphas[defined++] = 1 - (n - 1) * observedSum / expectedSum;
            }
        }
        if (defined == 0) {
            return new Interval(null, null, level, replicates, 0, seed);
        }
        Arrays.sort(alphas, 0, defined);
        double tail = (1 - level) / 2;
        return new Interval(quantile(alphas, defined, tail), quantile(alphas, defined, 1 - tail),
                level, replicates, defined, seed);
    }

    /** {@code Σ_{c≠k} n_c n_k = n² − Σ_c n_c²}, in exact integer arithmetic where it fits. */
    private static double expectedDisagreementSum(long[] valuesByCategory, long n) {
        double sumSquares = 0;
        int used = 0;
        for (long nc : valuesByCategory) {
            sumSquares += (double) nc * nc;
            if (nc > 0) {
                used++;
            }
        }
        // exactly zero when one category holds all values; avoids a rounding residue
        return used < 2 ? 0 : (double) n * n - sumSquares;
    }

    /** Type-7 quantile of the first {@code size} entries of a sorted array. */
    static double quantile(double[] sorted, int size, double probability) {
        double position = (size - 1) * probability;
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, size - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /** The pairable patterns of a table, in primitive arrays. */
    private static final class Pairable {
        final int categories;
        final int patterns;
        final int[] counts;
        final int[] labels;
        /** {@code (m² − Σ_c n_c²) / (m − 1)}: the pattern's contribution to Σ_{c≠k} o_ck. */
        final double[] disagreement;
        final long[] multiplicities;
        final long totalItems;
        final long totalValues;

        private Pairable(int categories, int patterns, int[] counts, int[] labels,
                double[] disagreement, long[] multiplicities, long totalItems, long totalValues) {
            this.categories = categories;
            this.patterns = patterns;
            this.counts = counts;
            this.labels = labels;
            this.disagreement = disagreement;
            this.multiplicities = multiplicities;
            this.totalItems = totalItems;
            this.totalValues = totalValues;
        }

        static Pairable of(PatternTable table) {
            int categories = table.categories();
            int size = 0;
            for (int p = 0; p < table.patternCount(); p++) {
                if (table.labels(p) >= 2) {
                    size++;
                }
            }
            int[] counts = new int[size * categories];
            int[] labels = new int[size];
            double[] disagreement = new double[size];
            long[] multiplicities = new long[size];
            long items = 0;
            long values = 0;
            int i = 0;
            for (int p = 0; p < table.patternCount(); p++) {
                int m = table.labels(p);
                if (m < 2) {
                    continue;
                }
                long sumSquares = 0;
                for (int c = 0; c < categories; c++) {
                    int nc = table.count(p, c);
                    counts[i * categories + c] = nc;
                    sumSquares += (long) nc * nc;
                }
                labels[i] = m;
                disagreement[i] = ((long) m * m - sumSquares) / (double) (m - 1);
                multiplicities[i] = table.multiplicity(p);
                items += multiplicities[i];
                values += multiplicities[i] * m;
                i++;
            }
            return new Pairable(categories, size, counts, labels, disagreement, multiplicities,
                    items, values);
        }
    }
}
