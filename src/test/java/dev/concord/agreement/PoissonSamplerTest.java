package dev.concord.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PoissonSamplerTest {

    /** Mean and variance of a Poisson are both the mean; checked on both sampling paths. */
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1, 4.5, 9.99, 10, 37, 1_000, 250_000})
    void meanAndVarianceMatch(double mean) {
        SplittableRandom random = new SplittableRandom(3);
        int draws = 200_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < draws; i++) {
            long k = PoissonSampler.sample(random, mean);
            assertTrue(k >= 0);
            sum += k;
            sumSquares += (double) k * k;
        }
        double sampleMean = sum / draws;
        double sampleVariance = sumSquares / draws - sampleMean * sampleMean;
        // 5 standard errors of the mean; variance to 3%
        assertEquals(mean, sampleMean, 5 * Math.sqrt(mean / draws));
        assertEquals(mean, sampleVariance, 0.03 * mean);
    }

    /** The whole distribution, not only two moments: a chi-square test against the pmf. */
    @ParameterizedTest
    @ValueSource(doubles = {2.5, 15, 60})
    void frequenciesFollowThePoissonPmf(double mean) {
        SplittableRandom random = new SplittableRandom(17);
        int draws = 400_000;
        int cells = (int) (mean + 8 * Math.sqrt(mean) + 10);
        long[] observed = new long[cells + 1];
        for (int i = 0; i < draws; i++) {
            observed[(int) Math.min(cells, PoissonSampler.sample(random, mean))]++;
        }
        double chiSquare = 0;
        int degrees = -1;
        double tail = 1;
        for (int k = 0; k < cells; k++) {
            double p = Math.exp(-mean + k * Math.log(mean) - PoissonSampler.logFactorial(k));
            tail -= p;
            double expected = p * draws;
            if (expected < 5) {
                continue; // ignore sparse cells (they are counted in neither sum)
            }
            chiSquare += (observed[k] - expected) * (observed[k] - expected) / expected;
            degrees++;
        }
        // mean + 3 sd of a chi-square is ~ df + 3 sqrt(2 df): fails by chance in ~0.3% of seeds
        assertTrue(chiSquare < degrees + 4 * Math.sqrt(2.0 * degrees),
                "chi-square " + chiSquare + " on " + degrees + " degrees of freedom");
        assertTrue(tail < 1e-6);
    }

    @Test
    void logFactorialIsContinuousAcrossTheTableEdge() {
        double exact = 0;
        for (int k = 1; k <= 300; k++) {
            exact += Math.log(k);
            assertEquals(exact, PoissonSampler.logFactorial(k), 1e-12 * exact);
        }
    }

    @Test
    void sameSeedSameDraws() {
        SplittableRandom a = new SplittableRandom(5);
        SplittableRandom b = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            double mean = i % 2 == 0 ? 3 : 300;
            assertEquals(PoissonSampler.sample(a, mean), PoissonSampler.sample(b, mean));
        }
    }

    @Test
    void zeroMeanGivesZero() {
        assertEquals(0, PoissonSampler.sample(new SplittableRandom(1), 0));
    }
}
