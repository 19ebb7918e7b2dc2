package dev.concord.agreement;

/**
 * Fleiss' (1971) kappa: chance-corrected agreement of many labelers when every item received the
 * same number {@code n ≥ 2} of labels (the labelers themselves may differ from item to item).
 *
 * <p>With {@code N} items, {@code n_ij} labels of category {@code j} on item {@code i}:
 * <pre>
 *   P_i  = (Σ_j n_ij² − n) / (n (n − 1))        agreement on item i
 *   P̄    = (1/N) Σ_i P_i
 *   p_j  = Σ_i n_ij / (N n)                     share of all labels in category j
 *   P̄_e  = Σ_j p_j²
 *   κ    = (P̄ − P̄_e) / (1 − P̄_e)
 * </pre>
 * Why only complete data: the formula assumes a constant {@code n}; generalisations to a varying
 * number of labels differ between tools, so rather than report a number that disagrees with
 * another tool we report {@code null} and say why (Krippendorff's alpha covers missing labels).
 * Items with no label at all are ignored (not yet labeled); any item with a different number of
 * labels makes kappa undefined. Also undefined when all labels are in one category
 * ({@code P̄_e = 1}).
 */
public final class FleissKappa {

    /**
     * @param items           labeled items used
     * @param labelsPerItem   the common number of labels per item, or 0 if there is none
     * @param categories      number of categories of the scale
     * @param value           kappa, or {@code null} when undefined
     * @param undefinedReason why {@code value} is {@code null}; {@code null} when it is defined
     */
    public record Result(long items, int labelsPerItem, int categories, Double value,
            String undefinedReason) {
    }

    private FleissKappa() {
    }

    public static Result of(PatternTable table) {
        int categories = table.categories();
        int labelsPerItem = 0;
        long items = 0;
        for (int p = 0; p < table.patternCount(); p++) {
            int n = table.labels(p);
            if (n == 0) {
                continue;
            }
            if (labelsPerItem == 0) {
                labelsPerItem = n;
            } else if (n != labelsPerItem) {
                return undefined(table, "items have different numbers of labels");
            }
            items += table.multiplicity(p);
        }
        if (items == 0) {
            return new Result(0, 0, categories, null, "no labeled items");
        }
        if (labelsPerItem < 2) {
            return new Result(items, labelsPerItem, categories, null, "fewer than 2 labels per item");
        }

        int n = labelsPerItem;
        long[] labelsByCategory = new long[categories];
        double sumItemAgreement = 0;
        for (int p = 0; p < table.patternCount(); p++) {
            if (table.labels(p) == 0) {
                continue;
            }
            long multiplicity = table.multiplicity(p);
            long sumSquares = 0;
            for (int c = 0; c < categories; c++) {
                long nij = table.count(p, c);
                sumSquares += nij * nij;
                labelsByCategory[c] += multiplicity * nij;
            }
            sumItemAgreement += multiplicity * ((sumSquares - n) / ((double) n * (n - 1)));
        }
        double totalLabels = (double) items * n;
        double expected = 0;
        int usedCategories = 0;
        for (int c = 0; c < categories; c++) {
            if (labelsByCategory[c] > 0) {
                usedCategories++;
            }
            double share = labelsByCategory[c] / totalLabels;
            expected += share * share;
        }
        if (usedCategories < 2) {
            return new Result(items, n, categories, null, "all labels are in one category");
        }
        double observed = sumItemAgreement / items;
        return new Result(items, n, categories, (observed - expected) / (1 - expected), null);
    }

    private static Result undefined(PatternTable table, String reason) {
        long labeled = 0;
        for (int p = 0; p < table.patternCount(); p++) {
            if (table.labels(p) > 0) {
                labeled += table.multiplicity(p);
            }
        }
        return new Result(labeled, 0, table.categories(), null, reason);
    }
}
