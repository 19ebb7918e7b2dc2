package dev.concord.agreement;

import java.util.Arrays;

/**
 * Streams items (examples) with their labels into compact count tables from which every
 * agreement measure and the human-level performance are computed.
 *
 * <p>Why: the memory used must not grow with the number of labels, so that a scan over 200,000
 * examples × 5 labelers can be summarised without holding the labels. What is kept:
 * <ul>
 *   <li>a {@link PatternTable} of per-item category-count vectors (percent agreement, Fleiss,
 *       Krippendorff, bootstrap, pairwise label co-occurrence), overall and per slice;</li>
 *   <li>one {@code C×C} contingency table per pair of labelers that ever labeled the same item
 *       (Cohen's kappa); tables are created lazily, so sparse overlap costs little;</li>
 *   <li>per labeler: labels, "uncertain" labels, and agreeing / total label pairs with other
 *       labelers on the same items;</li>
 *   <li>HLP counts (see {@link #add}).</li>
 * </ul>
 *
 * <p>Accumulators over the same dimensions can be {@link #merge merged}, so a scan can be split
 * into chunks or threads; merging gives exactly the tables of a single pass. Instances are not
 * thread-safe.
 */
public final class AgreementAccumulator {

    private final int categories;
    private final int labelers;
    private final int slices;
    private final int uncertainCategory;

    private final PatternTable patterns;
    private final PatternTable[] slicePatterns;

    /**
     * Contingency table of labelers {@code a < b}, flattened as {@code [categoryOfA * C +
     * categoryOfB]}, at index {@link #pairIndex}; {@code null} until the pair shares an item.
     */
    private final long[][] pairTables;

    private final long[] labelsByLabeler;
    private final long[] uncertainByLabeler;
    private final long[] agreeingPairsByLabeler;
    private final long[] pairsByLabeler;

    private final long[] hlpHitsByReferenceClass;
    private final long[] hlpComparedByReferenceClass;
    private long hlpBySmeResolution;
    private long hlpByLeaveOneOutMajority;
    private long hlpSkippedTies;
    private long hlpSkippedWithoutOtherLabels;

    // scratch space reused by add(); never escapes
    private final int[] itemCounts;
    private final int[] seenOnItem;
    private int itemStamp;

    /** An accumulator without slices and without an "uncertain" category. */
    public AgreementAccumulator(int categories, int labelers) {
        this(categories, labelers, 0, -1);
    }

    /**
     * @param categories        number of nominal categories {@code C} (label indices {@code 0..C-1})
     * @param labelers          number of labelers {@code L} (labeler indices {@code 0..L-1})
     * @param slices            number of slice values (metadata buckets) or 0 for none
     * @param uncertainCategory category index that means "uncertain" (for the per-labeler
     *                          uncertain rate), or -1 if there is none
     */
    public AgreementAccumulator(int categories, int labelers, int slices, int uncertainCategory) {
        if (categories < 1) {
            throw new IllegalArgumentException("categories must be >= 1, was " + categories);
        }
        if (labelers < 0 || slices < 0) {
            throw new IllegalArgumentException("labelers and slices must be >= 0");
        }
        if (uncertainCategory < -1 || uncertainCategory >= categories) {
            throw new IllegalArgumentException("uncertainCategory out of range: " + uncertainCategory);
        }
        long pairCount = (long) labelers * (labelers - 1) / 2;
        if (pairCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many labelers: " + labelers);
        }
        this.categories = categories;
        this.labelers = labelers;
        this.slices = slices;
        this.uncertainCategory = uncertainCategory;
        this.patterns = new PatternTable(categories);
        this.slicePatterns = new PatternTable[slices];
        for (int s = 0; s < slices; s++) {
            slicePatterns[s] = new PatternTable(categories);
        }
        this.pairTables = new long[(int) pairCount][];
        this.labelsByLabeler = new long[labelers];
        this.uncertainByLabeler = new long[labelers];
        this.agreeingPairsByLabeler = new long[labelers];
        this.pairsByLabeler = new long[labelers];
        this.hlpHitsByReferenceClass = new long[categories];
        this.hlpComparedByReferenceClass = new long[categories];
        this.itemCounts = new int[categories];
        this.seenOnItem = new int[labelers];
    }

    /**
     * Adds one item.
     *
     * <p>HLP: every label is compared with a reference. If {@code reference >= 0} (an SME
     * resolution exists) that is the reference for all the item's labels ("sme-resolution").
     * Otherwise the reference of a label is the majority of the <em>other</em> labels on the item
     * ("leave-one-out-majority"), so a labeler is never compared with a consensus that includes
     * their own vote. A label is skipped when there is no other label, or when the other labels
     * tie for the most frequent category. Per-class HLP is grouped by the reference's category.
     *
     * @param labelerIndices labeler of each label; only the first {@code n} entries are read
     * @param categoryIndices category of each label; only the first {@code n} entries are read
     * @param n              number of labels on the item (0 is allowed)
     * @param reference      SME-resolved category of the item, or -1
     * @param slice          slice index of the item, or -1 if it belongs to no slice
     * @throws IllegalArgumentException on an index out of range or a labeler appearing twice
     */
    public void add(int[] labelerIndices, int[] categoryIndices, int n, int reference, int slice) {
        if (n < 0 || n > labelerIndices.length || n > categoryIndices.length) {
            throw new IllegalArgumentException("bad label count " + n);
        }
        if (reference < -1 || reference >= categories) {
            throw new IllegalArgumentException("reference out of range: " + reference);
        }
        if (slice < -1 || slice >= slices) {
            throw new IllegalArgumentException("slice out of range: " + slice);
        }
        int stamp = nextItemStamp();
        int[] counts = itemCounts;
        Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            int labeler = labelerIndices[i];
            int category = categoryIndices[i];
            if (labeler < 0 || labeler >= labelers) {
                throw new IllegalArgumentException("labeler out of range: " + labeler);
            }
            if (category < 0 || category >= categories) {
                throw new IllegalArgumentException("category out of range: " + category);
            }
            if (seenOnItem[labeler] == stamp) {
                throw new IllegalArgumentException("labeler " + labeler + " labeled the item twice");
            }
            seenOnItem[labeler] = stamp;
            counts[category]++;
        }

        patterns.add(counts, 1);
        if (slice >= 0) {
            slicePatterns[slice].add(counts, 1);
        }

        for (int i = 0; i < n; i++) {
            int labeler = labelerIndices[i];
            int category = categoryIndices[i];
            labelsByLabeler[labeler]++;
            if (category == uncertainCategory) {
                uncertainByLabeler[labeler]++;
            }
            agreeingPairsByLabeler[labeler] += counts[category] - 1;
            pairsByLabeler[labeler] += n - 1;
        }

        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int a = labelerIndices[i];
                int b = labelerIndices[j];
                int categoryA = categoryIndices[i];
                int categoryB = categoryIndices[j];
                if (a > b) {
                    int t = a; a = b; b = t;
                    t = categoryA; categoryA = categoryB; categoryB = t;
                }
                int pair = pairIndex(a, b);
                long[] table = pairTables[pair];
                if (table == null) {
                    table = new long[categories * categories];
                    pairTables[pair] = table;
                }
                table[categoryA * categories + categoryB]++;
            }
        }

        if (reference >= 0) {
            hlpBySmeResolution += n;
            hlpComparedByReferenceClass[reference] += n;
            hlpHitsByReferenceClass[reference] += counts[reference];
        } else if (n == 1) {
            hlpSkippedWithoutOtherLabels++;
        } else if (n > 1) {
            addLeaveOneOutMajority(counts);
        }
    }

    /**
     * For each category present on the item, all labels of that category share the same
     * leave-one-out reference, so it is computed once per distinct category.
     */
    private void addLeaveOneOutMajority(int[] counts) {
        for (int own = 0; own < categories; own++) {
            int labelsOfOwn = counts[own];
            if (labelsOfOwn == 0) {
                continue;
            }
            // the other labels: this item's counts less one label of the own category
            counts[own]--;
            int majority = Majority.category(counts);
            counts[own]++;
            if (majority == Majority.NONE) {
                hlpSkippedTies += labelsOfOwn;
                continue;
            }
            hlpByLeaveOneOutMajority += labelsOfOwn;
            hlpComparedByReferenceClass[majority] += labelsOfOwn;
            if (majority == own) {
                hlpHitsByReferenceClass[majority] += labelsOfOwn;
            }
        }
    }

    /** Adds everything {@code other} accumulated; both must have the same dimensions. */
    public void merge(AgreementAccumulator other) {
        if (other.categories != categories || other.labelers != labelers || other.slices != slices
                || other.uncertainCategory != uncertainCategory) {
            throw new IllegalArgumentException("accumulators have different dimensions");
        }
        patterns.merge(other.patterns);
        for (int s = 0; s < slices; s++) {
            slicePatterns[s].merge(other.slicePatterns[s]);
        }
        for (int p = 0; p < pairTables.length; p++) {
            long[] theirs = other.pairTables[p];
            if (theirs == null) {
                continue;
            }
            if (pairTables[p] == null) {
                pairTables[p] = theirs.clone();
            } else {
                addInto(pairTables[p], theirs);
            }
        }
        addInto(labelsByLabeler, other.labelsByLabeler);
        addInto(uncertainByLabeler, other.uncertainByLabeler);
        addInto(agreeingPairsByLabeler, other.agreeingPairsByLabeler);
        addInto(pairsByLabeler, other.pairsByLabeler);
        addInto(hlpHitsByReferenceClass, other.hlpHitsByReferenceClass);
        addInto(hlpComparedByReferenceClass, other.hlpComparedByReferenceClass);
        hlpBySmeResolution += other.hlpBySmeResolution;
        hlpByLeaveOneOutMajority += other.hlpByLeaveOneOutMajority;
        hlpSkippedTies += other.hlpSkippedTies;
        hlpSkippedWithoutOtherLabels += other.hlpSkippedWithoutOtherLabels;
    }

    private static void addInto(long[] target, long[] source) {
        for (int i = 0; i < target.length; i++) {
            target[i] += source[i];
        }
    }

    private int nextItemStamp() {
        if (++itemStamp == Integer.MAX_VALUE) {
            Arrays.fill(seenOnItem, 0);
            itemStamp = 1;
        }
        return itemStamp;
    }

    private int pairIndex(int a, int b) {
        // row-major upper triangle without the diagonal, a < b
        return a * labelers - a * (a + 1) / 2 + (b - a - 1);
    }

    // ---- read access for the measures -------------------------------------------------------

    public int categories() {
        return categories;
    }

    public int labelers() {
        return labelers;
    }

    public int slices() {
        return slices;
    }

    /** The "uncertain" category index, or -1. */
    public int uncertainCategory() {
        return uncertainCategory;
    }

    /** Items fed so far (including items without labels). */
    public long items() {
        return patterns.items();
    }

    /** Labels fed so far. */
    public long labels() {
        return patterns.labels();
    }

    /** Patterns over all items. Read-only by convention: do not add to it. */
    public PatternTable patterns() {
        return patterns;
    }

    /** Patterns over the items of slice {@code slice}. Read-only by convention. */
    public PatternTable slicePatterns(int slice) {
        return slicePatterns[slice];
    }

    /**
     * Contingency table of labelers {@code a} and {@code b} over the items both labeled, as
     * {@code table[categoryOfA][categoryOfB]} (a fresh copy; zeros if they share no item).
     */
    public long[][] pairTable(int a, int b) {
        if (a < 0 || b < 0 || a >= labelers || b >= labelers || a == b) {
            throw new IllegalArgumentException("need two distinct labelers, got " + a + ", " + b);
        }
        long[][] result = new long[categories][categories];
        long[] flat = pairTables[pairIndex(Math.min(a, b), Math.max(a, b))];
        if (flat == null) {
            return result;
        }
        for (int x = 0; x < categories; x++) {
            for (int y = 0; y < categories; y++) {
                long count = flat[x * categories + y];
                if (a < b) {
                    result[x][y] = count;
                } else {
                    result[y][x] = count;
                }
            }
        }
        return result;
    }

    /** Number of labels given by {@code labeler}. */
    public long labelsBy(int labeler) {
        return labelsByLabeler[labeler];
    }

    /** Number of labels of the uncertain category given by {@code labeler} (0 if none defined). */
    public long uncertainLabelsBy(int labeler) {
        return uncertainByLabeler[labeler];
    }

    /**
     * Pairs (this labeler's label, another labeler's label on the same item) that have the same
     * category.
     */
    public long agreeingPairsOf(int labeler) {
        return agreeingPairsByLabeler[labeler];
    }

    /** All pairs (this labeler's label, another labeler's label on the same item). */
    public long pairsOf(int labeler) {
        return pairsByLabeler[labeler];
    }

    long hlpHits(int referenceClass) {
        return hlpHitsByReferenceClass[referenceClass];
    }

    long hlpCompared(int referenceClass) {
        return hlpComparedByReferenceClass[referenceClass];
    }

    long hlpBySmeResolution() {
        return hlpBySmeResolution;
    }

    long hlpByLeaveOneOutMajority() {
        return hlpByLeaveOneOutMajority;
    }

    long hlpSkippedTies() {
        return hlpSkippedTies;
    }

    long hlpSkippedWithoutOtherLabels() {
        return hlpSkippedWithoutOtherLabels;
    }
}
