package dev.concord.agreement;

import java.util.SplittableRandom;

/**
 * Exact Poisson variates for the bootstrap, in {@code O(1)} expected time for any mean.
 *
 * <ul>
 *   <li>Mean below {@value #INVERSION_LIMIT}: inversion by sequential search from 0 (expected
 *       {@code 1 + mean} steps, one uniform per draw).</li>
 *   <li>Larger means: Hörmann's PTRS, "transformed rejection with squeeze" (W. Hörmann, "The
 *       transformed rejection method for generating Poisson random variables", Insurance:
 *       Mathematics and Economics 12 (1993) 39–45), with the constants of the paper; about 1.1
 *       pairs of uniforms per draw, independent of the mean. The same algorithm NumPy uses.</li>
 * </ul>
 *
 * <p>Deterministic for a given {@link SplittableRandom} state.
 */
final class PoissonSampler {

    static final double INVERSION_LIMIT = 10;

    private static final int LOG_FACTORIAL_TABLE = 256;
    private static final double[] LOG_FACTORIAL = new double[LOG_FACTORIAL_TABLE];
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    static {
        double sum = 0;
        for (int k = 1; k < LOG_FACTORIAL_TABLE; k++) {
            sum += Math.log(k);
            LOG_FACTORIAL[k] = sum;
        }
    }

    private PoissonSampler() {
    }

    /** One Poisson({@code mean}) variate; 0 for a mean of 0. */
    static long sample(SplittableRandom random, double mean) {
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("mean must be finite and >= 0, was " + mean);
        }
        if (mean == 0) {
            return 0;
        }
        return mean < INVERSION_LIMIT ? byInversion(random, mean) : byTransformedRejection(random, mean);
    }

    private static long byInversion(SplittableRandom random, double mean) {
        double u = random.nextDouble();
        long k = 0;
        double probability = Math.exp(-mean);
        double cumulative = probability;
        // the 1000-step cap only guards against a rounding residue in the tail (mean < 10)
        while (u > cumulative && k < 1000) {
            k++;
            probability *= mean / k;
            cumulative += probability;
        }
        return k;
    }

    private static long byTransformedRejection(SplittableRandom random, double mean) {
        double sqrtMean = Math.sqrt(mean);
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * sqrtMean;
        double a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double acceptAll = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= acceptAll) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * logMean - logFactorial(k)) {
                return k;
            }
        }
    }

    /** {@code ln k!}: a table below 256, Stirling's series (error below 1e-16 relative) above. */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL_TABLE) {
            return LOG_FACTORIAL[(int) k];
        }
        double n = k;
        double inverse = 1 / n;
        double inverseSquared = inverse * inverse;
        return n * Math.log(n) - n + 0.5 * Math.log(n) + HALF_LOG_TWO_PI
                + inverse * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared / 1260));
    }
}
