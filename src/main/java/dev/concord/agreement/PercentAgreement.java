package dev.concord.agreement;

/**
 * Observed (raw) agreement: the mean over items with at least two labels of the share of the
 * item's label pairs that agree.
 *
 * <p>For an item with {@code n} labels and {@code n_c} labels of category {@code c}, the item's
 * agreement is {@code Σ_c n_c (n_c − 1) / (n (n − 1))} (agreeing ordered pairs over all ordered
 * pairs, which equals the unordered share). Every item weighs the same, whatever its number of
 * labels; items with fewer than two labels have no pair and are left out. Not chance-corrected:
 * it is shown next to kappa/alpha because it is the number people understand.
 */
public final class PercentAgreement {

    /**
     * @param items      items with at least two labels (the ones averaged)
     * @param categories number of categories of the scale
     * @param value      mean agreement in [0, 1], or {@code null} if no item has two labels
     */
    public record Result(long items, int categories, Double value) {
    }

    private PercentAgreement() {
    }

    public static Result of(PatternTable table) {
        long items = 0;
        double sum = 0;
        int categories = table.categories();
        for (int p = 0; p < table.patternCount(); p++) {
            int n = table.labels(p);
            if (n < 2) {
                continue;
            }
            long agreeing = 0;
            for (int c = 0; c < categories; c++) {
                long nc = table.count(p, c);
                agreeing += nc * (nc - 1);
            }
            long multiplicity = table.multiplicity(p);
            sum += multiplicity * (agreeing / ((double) n * (n - 1)));
            items += multiplicity;
        }
        return new Result(items, categories, items == 0 ? null : sum / items);
    }
}
