package dev.concord.agreement.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.dkpro.statistics.agreement.coding.CodingAnnotationStudy;
import org.dkpro.statistics.agreement.coding.FleissKappaAgreement;
import org.dkpro.statistics.agreement.coding.KrippendorffAlphaAgreement;
import org.dkpro.statistics.agreement.distance.NominalDistanceFunction;

import dev.concord.agreement.AgreementAccumulator;
import dev.concord.agreement.FleissKappa;
import dev.concord.agreement.KrippendorffAlpha;
import dev.concord.agreement.RatingTable;

/**
 * Micro-benchmark (not a unit test): our streamed accumulator versus DKPro Statistics 2.2.1 on a
 * project-sized dataset, in the same JVM.
 *
 * <p>Data: 200,000 items × 5 labelers, 5 categories with a skewed distribution, labelers follow
 * a per-item "true" class 70% of the time, 10% of labels missing; seeded, so every run measures
 * the same data. Fleiss needs complete data, so it runs on a complete variant (same generator,
 * no missing labels).
 *
 * <p>Timed, each as the median of several repetitions after warm-up:
 * <ul>
 *   <li>ours: accumulator fill (missing data) + alpha + 95% bootstrap CI (1000 replicates)
 *       + accumulator fill (complete data) + Fleiss; also the CI alone and the rest alone;</li>
 *   <li>DKPro: building the {@code CodingAnnotationStudy} (missing data) + alpha + building the
 *       complete study + Fleiss (DKPro has no bootstrap; its figure excludes a CI).</li>
 * </ul>
 *
 * <p>Run (from the project root, after {@code ./mvnw -q -B test-compile}):
 * <pre>
 * java -Xmx4g -cp target/test-classes:target/classes:$HOME/.m2/repository/org/dkpro/statistics/dkpro-statistics-agreement/2.2.1/dkpro-statistics-agreement-2.2.1.jar \
 *     dev.concord.agreement.bench.AgreementVsDkproBench [repetitions]
 * </pre>
 * DKPro has no runtime dependencies, so its jar is the whole extra classpath.
 */
public final class AgreementVsDkproBench {

    private static final int ITEMS = 200_000;
    private static final int LABELERS = 5;
    private static final int CATEGORIES = 5;
    private static final double MISSING = 0.10;
    private static final int WARMUP = 2;

    private AgreementVsDkproBench() {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[][] withMissing = generate(new SplittableRandom(2024), MISSING);
        int[][] complete = generate(new SplittableRandom(2024), 0.0);
        RatingTable missingTable = RatingTable.of(withMissing, CATEGORIES);
        RatingTable completeTable = RatingTable.of(complete, CATEGORIES);
        long labels = Arrays.stream(withMissing).flatMapToInt(Arrays::stream).filter(v -> v >= 0).count();
        System.out.printf(Locale.ROOT, "data: %,d items x %d labelers, %d categories, %,d labels"
                + " (%.1f%% missing); complete variant %,d labels%n", ITEMS, LABELERS, CATEGORIES,
                labels, 100.0 * (1 - labels / (double) (ITEMS * LABELERS)), ITEMS * LABELERS);
        System.out.printf("java %s, %d cores, %d warm-up + %d timed repetitions, median shown%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                WARMUP, repetitions);

        double[] oursValues = new double[3];
        Timing oursWithoutCi = time(repetitions, () -> {
            AgreementAccumulator missing = missingTable.accumulate();
            AgreementAccumulator full = completeTable.accumulate();
            oursValues[0] = KrippendorffAlpha.of(missing.patterns()).value();
            oursValues[1] = FleissKappa.of(full.patterns()).value();
            return missing.patterns().patternCount();
        });
        AgreementAccumulator filled = missingTable.accumulate();
        KrippendorffAlpha.Interval[] interval = new KrippendorffAlpha.Interval[1];
        Timing ciOnly = time(repetitions, () -> {
            interval[0] = KrippendorffAlpha.bootstrap95(filled.patterns());
            return interval[0].definedReplicates();
        });
        Timing oursTotal = time(repetitions, () -> {
            AgreementAccumulator missing = missingTable.accumulate();
            KrippendorffAlpha.of(missing.patterns());
            KrippendorffAlpha.bootstrap95(missing.patterns());
            AgreementAccumulator full = completeTable.accumulate();
            oursValues[2] = FleissKappa.of(full.patterns()).value();
            return missing.patterns().patternCount();
        });

        double[] dkproValues = new double[2];
        Timing dkpro = time(repetitions, () -> {
            CodingAnnotationStudy missing = dkproStudy(withMissing);
            dkproValues[0] = new KrippendorffAlphaAgreement(missing, new NominalDistanceFunction())
                    .calculateAgreement();
            CodingAnnotationStudy full = dkproStudy(complete);
            dkproValues[1] = new FleissKappaAgreement(full).calculateAgreement();
            return missing.getItemCount();
        });

        System.out.printf(Locale.ROOT, "alpha: ours %.12f  DKPro %.12f  |diff| %.1e%n",
                oursValues[0], dkproValues[0], Math.abs(oursValues[0] - dkproValues[0]));
        System.out.printf(Locale.ROOT, "fleiss (complete): ours %.12f  DKPro %.12f  |diff| %.1e%n",
                oursValues[1], dkproValues[1], Math.abs(oursValues[1] - dkproValues[1]));
        System.out.printf(Locale.ROOT, "alpha 95%% CI (B=%d, seed %d): [%.4f, %.4f]; distinct patterns: %d%n%n",
                interval[0].replicates(), interval[0].seed(), interval[0].lower(), interval[0].upper(),
                filled.patterns().patternCount());
        System.out.println(oursWithoutCi.line("ours: fill x2 + alpha + fleiss"));
        System.out.println(ciOnly.line("ours: alpha bootstrap CI only"));
        System.out.println(oursTotal.line("ours: fill x2 + alpha + CI + fleiss"));
        System.out.println(dkpro.line("DKPro: studies x2 + alpha + fleiss"));
        System.out.printf(Locale.ROOT, "%nratio DKPro / ours (same work, no CI):   %.1fx%n",
                dkpro.median() / oursWithoutCi.median());
        System.out.printf(Locale.ROOT, "ratio DKPro / ours (ours incl. 1000-replicate CI): %.1fx%n",
                dkpro.median() / oursTotal.median());
    }

    /** Same generator shape as the property test: skewed classes, a per-item true class. */
    private static int[][] generate(SplittableRandom random, double missingRate) {
        double[] cumulative = {0.40, 0.65, 0.82, 0.94, 1.0};
        int[][] ratings = new int[ITEMS][LABELERS];
        for (int item = 0; item < ITEMS; item++) {
            int truth = draw(random, cumulative);
            for (int labeler = 0; labeler < LABELERS; labeler++) {
                // draw both numbers always, so the complete variant has the same labels where present
                double missingDraw = random.nextDouble();
                int label = random.nextDouble() < 0.7 ? truth : draw(random, cumulative);
                ratings[item][labeler] = missingDraw < missingRate ? -1 : label;
            }
        }
        return ratings;
    }

    private static int draw(SplittableRandom random, double[] cumulative) {
        double u = random.nextDouble();
        int c = 0;
        while (u >= cumulative[c]) {
            c++;
        }
        return c;
    }

    private static CodingAnnotationStudy dkproStudy(int[][] ratings) {
        CodingAnnotationStudy study = new CodingAnnotationStudy(LABELERS);
        Object[] row = new Object[LABELERS];
        for (int[] item : ratings) {
            for (int labeler = 0; labeler < LABELERS; labeler++) {
                row[labeler] = item[labeler] < 0 ? null : Integer.valueOf(item[labeler]);
            }
            study.addItemAsArray(row.clone());
        }
        return study;
    }

    private static Timing time(int repetitions, Supplier<Object> work) {
        Object sink = null;
        for (int i = 0; i < WARMUP; i++) {
            sink = work.get();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            sink = work.get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return new Timing(millis);
    }

    private record Timing(List<Double> millis) {
        double median() {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        String line(String label) {
            double min = millis.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = millis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return String.format(Locale.ROOT, "%-38s median %8.1f ms  (min %.1f, max %.1f, n=%d)",
                    label, median(), min, max, millis.size());
        }
    }
}
