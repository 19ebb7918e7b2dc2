package dev.concord.dataset;

import java.util.Arrays;

/**
 * Dawid–Skene (1979): each labeler gets a confusion matrix (how often they say l when the true
 * class is c) and the classes a prior, estimated by EM over all the release's items together, so
 * a labeler who is often wrong counts for less than one who is usually right. A complete example
 * gets the class of highest posterior, with that posterior as its agreement; incomplete examples
 * are left out as with the majority.
 */
record DawidSkene(int overlap) implements Consensus {
    static final String NAME = "dawid-skene";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String source() {
        return "DAWID_SKENE";
    }

    @Override
    public Decider over(ItemLabels items, int[] resolved) {
        double[][] posterior = posteriors(items, resolved);
        return i -> {
            if (items.size(i) < overlap) return Decision.out("incomplete", Double.NaN);
            int label = argmax(posterior[i]);
            return new Decision(label, posterior[i][label], null);
        };
    }

    /**
     * The posterior of each class for each item. Starts from the majority vote (a resolved item is
     * certain of its resolution and stays so), stops when no posterior moves by more than 1e-6 or
     * after 100 iterations. The 0.01 added to every count keeps a labeler's unseen (class, label)
     * pairs possible.
     */
    static double[][] posteriors(ItemLabels items, int[] fixed) {
        int n = items.items();
        int k = items.categories();
        int[] offsets = items.offsets();
        int[] labels = items.labels();
        int[] labelers = items.labelers();
        double[][] post = new double[n][k];
        for (int i = 0; i < n; i++) {
            if (fixed[i] >= 0) {
                post[i][fixed[i]] = 1;
                continue;
            }
            for (int j = offsets[i]; j < offsets[i + 1]; j++) post[i][labels[j]] += 1;
            double sum = offsets[i + 1] - offsets[i];
            for (int c = 0; c < k; c++) post[i][c] = sum == 0 ? 1.0 / k : post[i][c] / sum;
        }
        double[] prior = new double[k];
        double[][][] pi = new double[Math.max(1, items.labelerCount())][k][k];
        for (int iteration = 0; iteration < 100; iteration++) {
            Arrays.fill(prior, 0.01);
            for (double[][] m : pi) for (double[] row : m) Arrays.fill(row, 0.01);
            for (int i = 0; i < n; i++) {
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
            for (int i = 0; i < n; i++) {
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

    /** The first class of highest posterior. */
    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }
}
