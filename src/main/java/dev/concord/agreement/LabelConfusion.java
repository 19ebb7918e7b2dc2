package dev.concord.agreement;

/**
 * Pairwise label co-occurrence between categories: which classes humans confuse.
 *
 * <p>Convention: for each item, every unordered pair of labels from two different labelers
 * counts once. A pair of different categories {@code a ≠ b} adds 1 to both {@code [a][b]} and
 * {@code [b][a]} (the matrix is symmetric, there is no "true" side); a pair of equal categories
 * adds 1 to {@code [a][a]}. Hence an item with {@code n_c} labels of category {@code c} adds
 * {@code n_a n_b} to {@code [a][b]} and {@code n_a (n_a − 1) / 2} to {@code [a][a]}, and the
 * diagonal plus the upper triangle sums to the number of label pairs. Unlike Krippendorff's
 * coincidence matrix, pairs are not weighted by {@code 1 / (m_u − 1)}: these are plain counts
 * people can read.
 */
public final class LabelConfusion {

    /**
     * @param categories number of categories
     * @param counts     symmetric {@code C×C} co-occurrence counts
     * @param pairs      label pairs counted (diagonal + upper triangle)
     */
    public record Result(int categories, long[][] counts, long pairs) {
    }

    private LabelConfusion() {
    }

    public static Result of(PatternTable table) {
        int categories = table.categories();
        long[][] counts = new long[categories][categories];
        long pairs = 0;
        for (int p = 0; p < table.patternCount(); p++) {
            int m = table.labels(p);
            if (m < 2) {
                continue;
            }
            long multiplicity = table.multiplicity(p);
            for (int a = 0; a < categories; a++) {
                long na = table.count(p, a);
                if (na == 0) {
                    continue;
                }
                counts[a][a] += multiplicity * (na * (na - 1) / 2);
                for (int b = a + 1; b < categories; b++) {
                    long co = multiplicity * na * table.count(p, b);
                    counts[a][b] += co;
                    counts[b][a] += co;
                }
            }
            pairs += multiplicity * ((long) m * (m - 1) / 2);
        }
        return new Result(categories, counts, pairs);
    }
}
