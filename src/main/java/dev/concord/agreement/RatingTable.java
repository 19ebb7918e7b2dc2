package dev.concord.agreement;

import java.util.Arrays;

/**
 * A small in-memory items × labelers matrix of category indices ({@code -1} = not labeled),
 * for tests, benchmarks and callers that already hold the data. Real scans feed an
 * {@link AgreementAccumulator} directly instead.
 */
public final class RatingTable {

    private final int[][] ratings;
    private final int categories;
    private final int labelers;
    private int[] references;
    private int[] slices;
    private int sliceCount;
    private int uncertainCategory = -1;

    private RatingTable(int[][] ratings, int categories, int labelers) {
        this.ratings = ratings;
        this.categories = categories;
        this.labelers = labelers;
    }

    /**
     * @param ratings    {@code ratings[item][labeler]}: a category index or -1; rows may have
     *                   different lengths (missing trailing labelers)
     * @param categories number of categories
     */
    public static RatingTable of(int[][] ratings, int categories) {
        int labelers = 0;
        for (int[] row : ratings) {
            labelers = Math.max(labelers, row.length);
        }
        return new RatingTable(ratings, categories, labelers);
    }

    /** SME-resolved category per item (-1 = none). */
    public RatingTable withReferences(int[] references) {
        if (references.length != ratings.length) {
            throw new IllegalArgumentException("one reference per item expected");
        }
        this.references = references.clone();
        return this;
    }

    /** Slice index per item (-1 = none), with {@code sliceCount} slices. */
    public RatingTable withSlices(int[] slices, int sliceCount) {
        if (slices.length != ratings.length) {
            throw new IllegalArgumentException("one slice per item expected");
        }
        this.slices = slices.clone();
        this.sliceCount = sliceCount;
        return this;
    }

    /** Category index counted as "uncertain" in the per-labeler report. */
    public RatingTable withUncertainCategory(int uncertainCategory) {
        this.uncertainCategory = uncertainCategory;
        return this;
    }

    public int items() {
        return ratings.length;
    }

    public int labelers() {
        return labelers;
    }

    public int categories() {
        return categories;
    }

    /** A fresh accumulator holding every item of the table. */
    public AgreementAccumulator accumulate() {
        AgreementAccumulator accumulator =
                new AgreementAccumulator(categories, labelers, sliceCount, uncertainCategory);
        feed(accumulator, 0, ratings.length);
        return accumulator;
    }

    /** Feeds items {@code [from, to)} into {@code accumulator}. */
    public void feed(AgreementAccumulator accumulator, int from, int to) {
        int[] labelerIndices = new int[labelers];
        int[] categoryIndices = new int[labelers];
        for (int item = from; item < to; item++) {
            int[] row = ratings[item];
            int n = 0;
            for (int labeler = 0; labeler < row.length; labeler++) {
                if (row[labeler] >= 0) {
                    labelerIndices[n] = labeler;
                    categoryIndices[n] = row[labeler];
                    n++;
                }
            }
            accumulator.add(labelerIndices, categoryIndices, n,
                    references == null ? -1 : references[item], slices == null ? -1 : slices[item]);
        }
    }

    /** Copy of the matrix. */
    public int[][] ratings() {
        int[][] copy = new int[ratings.length][];
        for (int i = 0; i < ratings.length; i++) {
            copy[i] = Arrays.copyOf(ratings[i], ratings[i].length);
        }
        return copy;
    }
}
