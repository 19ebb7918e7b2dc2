package dev.concord.dataset;

import dev.concord.agreement.Majority;
import java.util.Arrays;

/**
 * The labels of a release's items (examples with labels in their current round, or a
 * resolution), flat and in item order: item i's labels are {@code labels[offsets[i] ..
 * offsets[i + 1])}, category indices {@code 0..categories-1}, given by {@code labelers[...]},
 * labeler indices {@code 0..labelerCount-1}. Primitive arrays: a release may hold hundreds of
 * thousands of items. The arrays may be longer than the items need.
 */
record ItemLabels(int items, int[] offsets, int[] labels, int[] labelers, int categories, int labelerCount) {

    /** Items given as one row of categories and one row of labelers per item (small inputs, tests). */
    static ItemLabels of(int categories, int[][] labelsPerItem, int[][] labelersPerItem) {
        int n = labelsPerItem.length;
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) offsets[i + 1] = offsets[i] + labelsPerItem[i].length;
        int[] labels = new int[offsets[n]];
        int[] labelers = new int[offsets[n]];
        int labelerCount = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(labelsPerItem[i], 0, labels, offsets[i], labelsPerItem[i].length);
            System.arraycopy(labelersPerItem[i], 0, labelers, offsets[i], labelersPerItem[i].length);
            for (int who : labelersPerItem[i]) labelerCount = Math.max(labelerCount, who + 1);
        }
        return new ItemLabels(n, offsets, labels, labelers, categories, labelerCount);
    }

    int size(int item) {
        return offsets[item + 1] - offsets[item];
    }

    /** The item's number of labels per category, written into {@code counts} (of length categories). */
    int[] counts(int item, int[] counts) {
        Arrays.fill(counts, 0);
        for (int j = offsets[item]; j < offsets[item + 1]; j++) counts[labels[j]]++;
        return counts;
    }

    /** The share of the item's labels in its most frequent category; NaN without labels (no agreement to report). */
    double majorityShare(int item, int[] counts) {
        int n = size(item);
        return n == 0 ? Double.NaN : Majority.share(counts(item, counts), n);
    }
}
