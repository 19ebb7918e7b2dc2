package dev.concord.agreement;

import java.util.Arrays;

/**
 * A multiset of per-item category-count vectors ("patterns").
 *
 * <p>Why: percent agreement, Fleiss' kappa, Krippendorff's alpha (nominal) and the item bootstrap
 * only depend on how many labels of each category an item received, not on who gave them or in
 * which order. Two items with the same count vector are interchangeable for these measures, so
 * 200,000 items collapse to a few hundred distinct patterns and the measures cost
 * {@code O(patterns × categories)} instead of {@code O(labels)}.
 *
 * <p>Storage is an open-addressing hash table over a flat {@code int[]} of vectors, so adding an
 * item allocates nothing. Items with no label at all are stored too (as the all-zero pattern) so
 * that {@link #items()} counts every item fed; the measures skip them.
 */
public final class PatternTable {

    private static final int INITIAL_PATTERNS = 16;

    private final int categories;
    /** Pattern {@code p} occupies {@code vectors[p*categories .. (p+1)*categories)}. */
    private int[] vectors;
    /** Number of labels of pattern {@code p} (sum of its vector). */
    private int[] labelTotals;
    private long[] multiplicities;
    private int patternCount;
    /** Open-addressing slots holding {@code patternIndex + 1}; 0 marks an empty slot. */
    private int[] slots;
    private long items;
    private long labels;

    public PatternTable(int categories) {
        if (categories < 1) {
            throw new IllegalArgumentException("categories must be >= 1, was " + categories);
        }
        this.categories = categories;
        this.vectors = new int[INITIAL_PATTERNS * categories];
        this.labelTotals = new int[INITIAL_PATTERNS];
        this.multiplicities = new long[INITIAL_PATTERNS];
        this.slots = new int[INITIAL_PATTERNS * 2];
    }

    /**
     * Adds {@code multiplicity} items whose category counts are {@code counts[0..categories)}.
     * The array is only read; entries beyond {@code categories} are ignored.
     */
    public void add(int[] counts, long multiplicity) {
        if (multiplicity < 0) {
            throw new IllegalArgumentException("multiplicity must be >= 0");
        }
        if (multiplicity == 0) {
            return;
        }
        int total = 0;
        for (int c = 0; c < categories; c++) {
            if (counts[c] < 0) {
                throw new IllegalArgumentException("negative count for category " + c);
            }
            total += counts[c];
        }
        int mask = slots.length - 1;
        int slot = hash(counts, 0) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                int pattern = append(counts, total, multiplicity);
                slots[slot] = pattern + 1;
                if (patternCount * 2 > slots.length) {
                    rehash(slots.length * 2);
                }
                break;
            }
            if (sameVector(entry - 1, counts)) {
                multiplicities[entry - 1] += multiplicity;
                break;
            }
            slot = (slot + 1) & mask;
        }
        items += multiplicity;
        labels += multiplicity * total;
    }

    /** Adds every pattern of {@code other} (same number of categories) to this table. */
    public void merge(PatternTable other) {
        if (other.categories != categories) {
            throw new IllegalArgumentException(
                    "cannot merge tables over " + other.categories + " and " + categories + " categories");
        }
        int[] vector = new int[categories];
        for (int p = 0; p < other.patternCount; p++) {
            System.arraycopy(other.vectors, p * categories, vector, 0, categories);
            add(vector, other.multiplicities[p]);
        }
    }

    /** Number of categories each vector has. */
    public int categories() {
        return categories;
    }

    /** Number of distinct patterns. */
    public int patternCount() {
        return patternCount;
    }

    /** Number of labels of category {@code category} in pattern {@code pattern}. */
    public int count(int pattern, int category) {
        checkPattern(pattern);
        if (category < 0 || category >= categories) {
            throw new IndexOutOfBoundsException("category " + category + " of " + categories);
        }
        return vectors[pattern * categories + category];
    }

    /** Total number of labels in one item of pattern {@code pattern}. */
    public int labels(int pattern) {
        checkPattern(pattern);
        return labelTotals[pattern];
    }

    /** How many items have pattern {@code pattern}. */
    public long multiplicity(int pattern) {
        checkPattern(pattern);
        return multiplicities[pattern];
    }

    /** Number of items added (including items without labels). */
    public long items() {
        return items;
    }

    /** Number of labels over all items. */
    public long labels() {
        return labels;
    }

    /** Copy of pattern {@code pattern}'s count vector. */
    public int[] vector(int pattern) {
        checkPattern(pattern);
        return Arrays.copyOfRange(vectors, pattern * categories, (pattern + 1) * categories);
    }

    private void checkPattern(int pattern) {
        if (pattern < 0 || pattern >= patternCount) {
            throw new IndexOutOfBoundsException("pattern " + pattern + " of " + patternCount);
        }
    }

    private int append(int[] counts, int total, long multiplicity) {
        if (patternCount == multiplicities.length) {
            int capacity = patternCount * 2;
            vectors = Arrays.copyOf(vectors, capacity * categories);
            labelTotals = Arrays.copyOf(labelTotals, capacity);
            multiplicities = Arrays.copyOf(multiplicities, capacity);
        }
        int pattern = patternCount++;
        System.arraycopy(counts, 0, vectors, pattern * categories, categories);
        labelTotals[pattern] = total;
        multiplicities[pattern] = multiplicity;
        return pattern;
    }

    private boolean sameVector(int pattern, int[] counts) {
        int base = pattern * categories;
        for (int c = 0; c < categories; c++) {
            if (vectors[base + c] != counts[c]) {
                return false;
            }
        }
        return true;
    }

    private void rehash(int slotCount) {
        slots = new int[slotCount];
        int mask = slotCount - 1;
        for (int p = 0; p < patternCount; p++) {
            int slot = hash(vectors, p * categories) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = p + 1;
        }
    }

    private int hash(int[] array, int offset) {
        int h = 1;
        for (int c = 0; c < categories; c++) {
            h = 31 * h + array[offset + c];
        }
        // spread the bits so that linear probing on the low bits stays short
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
