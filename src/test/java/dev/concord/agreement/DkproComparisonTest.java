package dev.concord.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.dkpro.statistics.agreement.coding.CodingAnnotationStudy;
import org.dkpro.statistics.agreement.coding.CohenKappaAgreement;
import org.dkpro.statistics.agreement.coding.FleissKappaAgreement;
import org.dkpro.statistics.agreement.coding.KrippendorffAlphaAgreement;
import org.dkpro.statistics.agreement.distance.NominalDistanceFunction;
import org.junit.jupiter.api.Test;

/**
 * Property test: on random seeded datasets our measures equal DKPro Statistics 2.2.1, a second,
 * independent implementation, to 1e-9. Where ours is undefined ({@code null}), DKPro must not
 * produce a finite number either (it yields NaN or throws).
 *
 * <p>Fleiss is compared on complete data only: with missing labels our Fleiss is deliberately
 * undefined, while DKPro applies its own generalisation.
 */
class DkproComparisonTest {

    private static final int DATASETS = 200;
    private static final double TOLERANCE = 1e-9;

    @Test
    void cohenKappaMatchesDkproForTwoLabelersOnCompleteData() {
        SplittableRandom random = new SplittableRandom(1);
        int compared = 0;
        for (int dataset = 0; dataset < DATASETS; dataset++) {
            int categories = 2 + random.nextInt(4);
            int[][] ratings = randomRatings(random, 5 + random.nextInt(80), 2, categories, 0.0);

            Double ours = CohenKappa.of(RatingTable.of(ratings, categories).accumulate(), 0, 1).value();
            CodingAnnotationStudy study = dkproStudy(ratings, 2);

            compared += compare(ours, () -> new CohenKappaAgreement(study).calculateAgreement(),
                    "Cohen, dataset " + dataset);
        }
        assertTrue(compared > DATASETS * 9 / 10, "most datasets have a defined kappa: " + compared);
    }

    @Test
    void fleissKappaMatchesDkproOnCompleteData() {
        SplittableRandom random = new SplittableRandom(2);
        int compared = 0;
        for (int dataset = 0; dataset < DATASETS; dataset++) {
            int labelers = 3 + random.nextInt(4);
            int categories = 2 + random.nextInt(4);
            int[][] ratings = randomRatings(random, 5 + random.nextInt(80), labelers, categories, 0.0);

            Double ours = FleissKappa.of(RatingTable.of(ratings, categories).accumulate().patterns())
                    .value();
            CodingAnnotationStudy study = dkproStudy(ratings, labelers);

            compared += compare(ours, () -> new FleissKappaAgreement(study).calculateAgreement(),
                    "Fleiss, dataset " + dataset);
        }
        assertTrue(compared > DATASETS * 9 / 10, "most datasets have a defined kappa: " + compared);
    }

    @Test
    void krippendorffAlphaMatchesDkproWithMissingLabels() {
        SplittableRandom random = new SplittableRandom(3);
        int compared = 0;
        for (int dataset = 0; dataset < DATASETS; dataset++) {
            int labelers = 2 + random.nextInt(5);
            int categories = 2 + random.nextInt(4);
            double missing = random.nextDouble() * 0.5;
            int[][] ratings = randomRatings(random, 5 + random.nextInt(80), labelers, categories, missing);

            Double ours = KrippendorffAlpha.of(RatingTable.of(ratings, categories).accumulate().patterns())
                    .value();
            CodingAnnotationStudy study = dkproStudy(ratings, labelers);

            compared += compare(ours, () -> new KrippendorffAlphaAgreement(study,
                    new NominalDistanceFunction()).calculateAgreement(), "alpha, dataset " + dataset);
        }
        assertTrue(compared > DATASETS * 9 / 10, "most datasets have a defined alpha: " + compared);
    }

    /** 1 if both are defined and equal; 0 if ours is undefined and DKPro's is not finite. */
    private static int compare(Double ours, DoubleSupplier dkpro, String what) {
        if (ours == null) {
            double theirs;
            try {
                theirs = dkpro.getAsDouble();
            } catch (RuntimeException undefined) {
                return 0;
            }
            assertTrue(!Double.isFinite(theirs), what + ": ours undefined, DKPro " + theirs);
            return 0;
        }
        assertEquals(dkpro.getAsDouble(), ours, TOLERANCE, what);
        return 1;
    }

    /**
     * Items × labelers with category indices or -1. Each dataset draws its own skewed category
     * distribution and a per-item "true" class most labelers follow, so kappas cover a realistic
     * range rather than hovering around 0.
     */
    static int[][] randomRatings(SplittableRandom random, int items, int labelers, int categories,
            double missingRate) {
        double[] weights = new double[categories];
        for (int c = 0; c < categories; c++) {
            weights[c] = 0.2 + random.nextDouble();
        }
        double followTruth = random.nextDouble();
        int[][] ratings = new int[items][labelers];
        for (int item = 0; item < items; item++) {
            int truth = draw(random, weights);
            for (int labeler = 0; labeler < labelers; labeler++) {
                if (random.nextDouble() < missingRate) {
                    ratings[item][labeler] = -1;
                } else {
                    ratings[item][labeler] = random.nextDouble() < followTruth ? truth : draw(random, weights);
                }
            }
        }
        return ratings;
    }

    private static int draw(SplittableRandom random, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int c = 0; c < weights.length; c++) {
            u -= weights[c];
            if (u < 0) {
                return c;
            }
        }
        return weights.length - 1;
    }

    /** The same data as a DKPro study; a missing label is {@code null}. */
    static CodingAnnotationStudy dkproStudy(int[][] ratings, int labelers) {
        CodingAnnotationStudy study = new CodingAnnotationStudy(labelers);
        for (int[] row : ratings) {
            Object[] values = new Object[labelers];
            for (int labeler = 0; labeler < labelers; labeler++) {
                values[labeler] = row[labeler] < 0 ? null : Integer.valueOf(row[labeler]);
            }
            study.addItemAsArray(values);
        }
        return study;
    }
}
