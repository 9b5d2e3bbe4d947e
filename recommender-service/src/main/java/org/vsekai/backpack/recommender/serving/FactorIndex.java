package org.vsekai.backpack.recommender.serving;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import org.vsekai.backpack.recommender.model.algorithm.ScoredItem;
import org.vsekai.backpack.recommender.model.algorithm.TopK;

/**
 * Top-k over all items for a factor model: recommender-model's {@code serving.FactorScan} layout (item vectors in one
 * contiguous row-major float[], ordered by norm, largest first; an exact Cauchy-Schwarz cut once the k-th best score
 * beats the next row's bound; four rows scored side by side), rebuilt here because FactorScan can only be made from a
 * fitted ImplicitAls, and the service also builds it from a model file. It adds an {@code allowed} test (the kind
 * filter), consulted like the exclusion only for items that would enter the heap. Immutable and thread-safe.
 */
public final class FactorIndex {

    private static final int BLOCK = 4;
    /** Headroom on the bound for float rounding, as in FactorScan. */
    private static final double BOUND_SLACK = 1e-4;

    private final int factors;
    private final int[] itemOfRow;
    private final float[] rows;
    private final double[] norms;

    private FactorIndex(int factors, int[] itemOfRow, float[] rows, double[] norms) {
        this.factors = factors;
        this.itemOfRow = itemOfRow;
        this.rows = rows;
        this.norms = norms;
    }

    /** Item i's vector at {@code itemFactors[i·f, (i+1)·f)}; every item is a candidate. */
    public static FactorIndex of(int factors, float[] itemFactors) {
        int n = factors == 0 ? 0 : itemFactors.length / factors;
        double[] normOf = new double[n];
        for (int item = 0; item < n; item++) {
            double sum = 0;
            for (int d = 0; d < factors; d++) {
                double v = itemFactors[item * factors + d];
                sum += v * v;
            }
            normOf[item] = Math.sqrt(sum);
        }
        int[] itemOfRow = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer item) -> -normOf[item]).thenComparing(item -> item))
                .mapToInt(Integer::intValue).toArray();
        float[] rows = new float[n * factors];
        double[] norms = new double[n];
        for (int row = 0; row < n; row++) {
            System.arraycopy(itemFactors, itemOfRow[row] * factors, rows, row * factors, factors);
            norms[row] = normOf[itemOfRow[row]];
        }
        return new FactorIndex(factors, itemOfRow, rows, norms);
    }

    public int factors() {
        return factors;
    }

    /**
     * The best {@code k} items for the user vector, best first, never one in {@code excludedSorted} (ascending item
     * indexes) nor one {@code allowed} refuses.
     */
    public List<ScoredItem> recommend(float[] user, int[] excludedSorted, IntPredicate allowed, int k) {
        if (user.length != factors) {
            throw new IllegalArgumentException("expected " + factors + " factors, got " + user.length);
        }
        double userNorm = 0;
        for (float v : user) {
            userNorm += (double) v * v;
        }
        userNorm = Math.sqrt(userNorm) * (1 + BOUND_SLACK);
        TopK top = new TopK(k);
        int f = factors;
        int n = itemOfRow.length;
        int row = 0;
        for (; row + BLOCK <= n; row += BLOCK) {
            if (top.full() && norms[row] * userNorm < top.worst()) {
                return top.result();
            }
            int o0 = row * f;
            int o1 = o0 + f;
            int o2 = o1 + f;
            int o3 = o2 + f;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int d = 0; d < f; d++) {
                float x = user[d];
                s0 += rows[o0 + d] * x;
                s1 += rows[o1 + d] * x;
                s2 += rows[o2 + d] * x;
                s3 += rows[o3 + d] * x;
            }
            offer(top, itemOfRow[row], s0, excludedSorted, allowed);
            offer(top, itemOfRow[row + 1], s1, excludedSorted, allowed);
            offer(top, itemOfRow[row + 2], s2, excludedSorted, allowed);
            offer(top, itemOfRow[row + 3], s3, excludedSorted, allowed);
        }
        for (; row < n; row++) {
            if (top.full() && norms[row] * userNorm < top.worst()) {
                return top.result();
            }
            int o = row * f;
            float s = 0;
            for (int d = 0; d < f; d++) {
                s += rows[o + d] * user[d];
            }
            offer(top, itemOfRow[row], s, excludedSorted, allowed);
        }
        return top.result();
    }

    private static void offer(TopK top, int item, float score, int[] excludedSorted, IntPredicate allowed) {
        if (top.accepts(item, score) && Arrays.binarySearch(excludedSorted, item) < 0 && allowed.test(item)) {
            top.offer(item, score);
        }
    }
}
