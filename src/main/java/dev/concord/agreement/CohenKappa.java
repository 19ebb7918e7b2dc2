package dev.concord.agreement;

/**
 * Cohen's (1960) kappa for two labelers over the items both labeled, and its matrix over all
 * pairs of labelers.
 *
 * <p>{@code κ = (p_o − p_e) / (1 − p_e)} with {@code p_o} the share of shared items on which they
 * agree and {@code p_e = Σ_c (row_c / N)(col_c / N)}, each labeler's own marginal distribution
 * (this is what distinguishes Cohen from Scott's pi / Fleiss). Undefined ({@code null}) when the
 * pair shares no item, or when {@code p_e = 1} (both used one and the same category only, so there
 * is nothing to agree on beyond chance). The degenerate case is detected in exact integer
 * arithmetic, so no {@code NaN} or ±∞ can come out.
 */
public final class CohenKappa {

    /**
     * @param labelerA           first labeler index
     * @param labelerB           second labeler index
     * @param items              items both labeled
     * @param categories         number of categories of the scale
     * @param observedAgreement  {@code p_o}, or {@code null} without shared items
     * @param expectedAgreement  {@code p_e}, or {@code null} without shared items
     * @param value              kappa, or {@code null} when undefined
     */
    public record Result(int labelerA, int labelerB, long items, int categories,
            Double observedAgreement, Double expectedAgreement, Double value) {
    }

    /**
     * Kappa for every pair of the given labelers.
     *
     * @param labelers     labeler indices, in the order of the matrix rows/columns
     * @param values       symmetric matrix; the diagonal and undefined pairs are {@code null}
     * @param definedPairs number of unordered pairs whose kappa is defined
     * @param mean         mean kappa over the defined pairs, or {@code null} if none is defined
     */
    public record Matrix(int[] labelers, Double[][] values, int definedPairs, Double mean) {
    }

    private CohenKappa() {
    }

    /** Kappa of labelers {@code a} and {@code b} from the accumulator's pair table. */
    public static Result of(AgreementAccumulator accumulator, int a, int b) {
        Result r = of(accumulator.pairTable(a, b));
        return new Result(a, b, r.items(), r.categories(), r.observedAgreement(),
                r.expectedAgreement(), r.value());
    }

    /**
     * Kappa from a square contingency table {@code table[categoryOfA][categoryOfB]}; the labeler
     * indices of the result are 0 and 1.
     */
    public static Result of(long[][] table) {
        int categories = table.length;
        long n = 0;
        long agreeing = 0;
        long[] rows = new long[categories];
        long[] columns = new long[categories];
        for (int x = 0; x < categories; x++) {
            if (table[x].length != categories) {
                throw new IllegalArgumentException("contingency table must be square");
            }
            for (int y = 0; y < categories; y++) {
                long count = table[x][y];
                n += count;
                rows[x] += count;
                columns[y] += count;
                if (x == y) {
                    agreeing += count;
                }
            }
        }
        if (n == 0) {
            return new Result(0, 1, 0, categories, null, null, null);
        }
        // Σ row_c · col_c compared with N² exactly: p_e == 1 iff both put everything in one category
        double expectedNumerator = 0;
        boolean allInOneSharedCategory = false;
        for (int c = 0; c < categories; c++) {
            expectedNumerator += (double) rows[c] * columns[c];
            if (rows[c] == n && columns[c] == n) {
                allInOneSharedCategory = true;
            }
        }
        double observed = (double) agreeing / n;
        double expected = expectedNumerator / ((double) n * n);
        Double value = allInOneSharedCategory ? null : (observed - expected) / (1 - expected);
        return new Result(0, 1, n, categories, observed, expected, value);
    }

    /** Kappa matrix over all labelers {@code 0..L-1} of the accumulator. */
    public static Matrix matrix(AgreementAccumulator accumulator) {
        int[] all = new int[accumulator.labelers()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return matrix(accumulator, all);
    }

    /** Kappa matrix over the given labelers; the mean is over pairs whose kappa is defined. */
    public static Matrix matrix(AgreementAccumulator accumulator, int[] labelers) {
        int size = labelers.length;
        Double[][] values = new Double[size][size];
        int defined = 0;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            for (int j = i + 1; j < size; j++) {
                Double kappa = of(accumulator, labelers[i], labelers[j]).value();
                values[i][j] = kappa;
                values[j][i] = kappa;
                if (kappa != null) {
                    defined++;
                    sum += kappa;
                }
            }
        }
        return new Matrix(labelers.clone(), values, defined, defined == 0 ? null : sum / defined);
    }
}
