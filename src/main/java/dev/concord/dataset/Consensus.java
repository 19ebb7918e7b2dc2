package dev.concord.dataset;

import java.util.Arrays;

/**
 * How a released label is chosen from an example's labels. Labels are category indices
 * (0..categories-1); an SME resolution, where there is one, overrides any strategy.
 */
public interface Consensus {
    /** The reason an example is left out, or null when it gets {@link Decision#label}. */
    record Decision(int label, double agreement, String leftOut) {
        static Decision out(String reason, double agreement) {
            return new Decision(-1, agreement, reason);
        }
    }

    /** Majority of a complete example whose majority share reaches the threshold; ties are left out. */
    static Decision majority(int[] labels, int n, int categories, int overlap, double threshold) {
        if (n < overlap) return Decision.out("incomplete", Double.NaN);
        int[] counts = new int[categories];
        for (int i = 0; i < n; i++) counts[labels[i]]++;
        int best = 0;
        for (int c = 1; c < categories; c++) if (counts[c] > counts[best]) best = c;
        double share = (double) counts[best] / n;
        for (int c = 0; c < categories; c++) {
            if (c != best && counts[c] == counts[best]) return Decision.out("tie", share);
        }
        if (share < threshold) return Decision.out("below-threshold", share);
        return new Decision(best, share, null);
    }

    /**
     * Dawid–Skene (1979): EM over a confusion matrix per labeler and class priors. Starts from the
     * majority vote, stops when no posterior moves by more than 1e-6 or after 100 iterations.
     * Items are given as flat arrays: for item i, labels at offsets[i]..offsets[i+1] with their labelers.
     * Returns the posterior-argmax class per item and its posterior probability.
     */
    static double[][] dawidSkene(int[] offsets, int[] labelers, int[] labels, int items, int labelerCount, int k, int[] fixed) {
        double[][] post = new double[items][k];
        for (int i = 0; i < items; i++) {
            if (fixed[i] >= 0) {
                post[i][fixed[i]] = 1;
                continue;
            }
            for (int j = offsets[i]; j < offsets[i + 1]; j++) post[i][labels[j]] += 1;
            double sum = offsets[i + 1] - offsets[i];
            for (int c = 0; c < k; c++) post[i][c] = sum == 0 ? 1.0 / k : post[i][c] / sum;
        }
        double[] prior = new double[k];
        double[][][] pi = new double[labelerCount][k][k];
        for (int iteration = 0; iteration < 100; iteration++) {
            Arrays.fill(prior, 0.01);
            for (double[][] m : pi) for (double[] row : m) Arrays.fill(row, 0.01);
            for (int i = 0; i < items; i++) {
                for (int c = 0; c < k; c++) {
                    prior[c] += post[i][c];
                    for (int j = offsets[i]; j < offsets[i + 1]; j++) pi[labelers[j]][c][labels[j]] += post[i][c];
                }
            }
            double total = Arrays.stream(prior).sum();
            for (int c = 0; c < k; c++) prior[c] /= total;
            for (double[][] m : pi) {
                for (double[] row : m) {
                    double s = Arrays.stream(row).sum();
                    for (int l = 0; l < k; l++) row[l] /= s;
                }
            }
            double moved = 0;
            double[] p = new double[k];
            for (int i = 0; i < items; i++) {
                if (fixed[i] >= 0) continue;
                double norm = 0;
                for (int c = 0; c < k; c++) {
                    double logp = Math.log(prior[c]);
                    for (int j = offsets[i]; j < offsets[i + 1]; j++) logp += Math.log(pi[labelers[j]][c][labels[j]]);
                    p[c] = logp;
                }
                double max = Arrays.stream(p).max().orElse(0);
                for (int c = 0; c < k; c++) {
                    p[c] = Math.exp(p[c] - max);
                    norm += p[c];
                }
                for (int c = 0; c < k; c++) {
                    double v = p[c] / norm;
                    moved = Math.max(moved, Math.abs(v - post[i][c]));
                    post[i][c] = v;
                }
            }
            if (moved < 1e-6) break;
        }
        return post;
    }
}
