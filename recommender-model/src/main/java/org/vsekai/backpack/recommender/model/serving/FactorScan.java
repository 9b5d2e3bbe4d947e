package org.vsekai.backpack.recommender.model.serving;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.vsekai.backpack.recommender.model.algorithm.FactorModel;
import org.vsekai.backpack.recommender.model.algorithm.ScoredItem;
import org.vsekai.backpack.recommender.model.algorithm.TopK;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * Top-k over all items for a factor model, laid out for serving: the factors of the items that have interactions in
 * one contiguous row-major float[], ordered by vector norm (largest first), scanned in a tight loop into a bounded
 * heap. Since y·x ≤ |y|·|x|, the scan stops as soon as the next row's bound cannot beat the k-th best score — an exact
 * cut, and an early one for popularity-skewed data, where popular items have the long vectors and win most lists.
 * Scores are the same sequential dot products as the model's own {@link FactorModel#recommend} (four rows side by
 * side, one accumulator each), so results are identical to it. The user's own items are skipped by binary search in
 * their sorted indexes, only for items that would enter the heap. Immutable and thread-safe.
 */
public final class FactorScan {

    /** Block of rows scored side by side: four independent dependency chains for the CPU to overlap. */
    private static final int BLOCK = 4;
    /**
     * Headroom on the Cauchy-Schwarz bound for float rounding: a 64-term float dot product is off by at most about
     * 64·2⁻²⁴ (4·10⁻⁶) of |y|·|x|; 10⁻⁴ covers that and the norms' own rounding with room to spare.
     */
    private static final double BOUND_SLACK = 1e-4;

    private final int factors;
    private final int[] itemOfRow;
    private final float[] rows;
    private final double[] norms;

    private FactorScan(int factors, int[] itemOfRow, float[] rows, double[] norms) {
        this.factors = factors;
        this.itemOfRow = itemOfRow;
        this.rows = rows;
        this.norms = norms;
    }

    /** The fitted model's item factors, keeping only items with at least one interaction (as the model does). */
    public static FactorScan of(FactorModel model, InteractionMatrix matrix) {
        int f = model.factors();
        float[] all = model.itemFactors();
        double[] normOf = new double[matrix.itemCount()];
        for (int item = 0; item < normOf.length; item++) {
            double sum = 0;
            for (int d = 0; d < f; d++) {
                double v = all[item * f + d];
                sum += v * v;
            }
            normOf[item] = Math.sqrt(sum);
        }
        int[] itemOfRow = IntStream.range(0, matrix.itemCount())
                .filter(item -> matrix.columnEnd(item) > matrix.columnStart(item)).boxed()
                .sorted(Comparator.comparingDouble((Integer item) -> -normOf[item]).thenComparing(item -> item))
                .mapToInt(Integer::intValue).toArray();
        float[] rows = new float[itemOfRow.length * f];
        double[] norms = new double[itemOfRow.length];
        for (int row = 0; row < itemOfRow.length; row++) {
            System.arraycopy(all, itemOfRow[row] * f, rows, row * f, f);
            norms[row] = normOf[itemOfRow[row]];
        }
        return new FactorScan(f, itemOfRow, rows, norms);
    }

    public int factors() {
        return factors;
    }

    /** Bytes held by the item vectors, their items and norms. */
    public long bytes() {
        return (long) rows.length * Float.BYTES + (long) itemOfRow.length * (Integer.BYTES + Double.BYTES);
    }

    /**
     * The best {@code k} items for the user vector, best first, skipping {@code excludedSorted} (ascending item
     * indexes, e.g. the user's backpack and seen items from the matrix row).
     */
    public List<ScoredItem> recommend(float[] user, int[] excludedSorted, int k) {
        return scan(user, excludedSorted, k, true).top.result();
    }

    /** The same result scoring every row: the worst case, for data where the norm bound does not cut early. */
    public List<ScoredItem> recommendScanningAll(float[] user, int[] excludedSorted, int k) {
        return scan(user, excludedSorted, k, false).top.result();
    }

    /** How many rows a query scored before the bound stopped it (for the benchmark's report). */
    public int rowsScored(float[] user, int[] excludedSorted, int k) {
        return scan(user, excludedSorted, k, true).rowsScored;
    }

    private record Scan(TopK top, int rowsScored) {
    }

    private Scan scan(float[] user, int[] excludedSorted, int k, boolean bounded) {
        if (user.length != factors) {
            throw new IllegalArgumentException("expected " + factors + " factors, got " + user.length);
        }
        double userNorm = 0;
        for (float v : user) {
            userNorm += (double) v * v;
        }
        userNorm = bounded ? Math.sqrt(userNorm) * (1 + BOUND_SLACK) : Double.POSITIVE_INFINITY;
        TopK top = new TopK(k);
        int f = factors;
        int n = itemOfRow.length;
        int row = 0;
        for (; row + BLOCK <= n; row += BLOCK) {
            // Rows are by norm, descending: no later row can score above this one's bound.
            if (top.full() && norms[row] * userNorm < top.worst()) {
                return new Scan(top, row);
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
            offer(top, itemOfRow[row], s0, excludedSorted);
            offer(top, itemOfRow[row + 1], s1, excludedSorted);
            offer(top, itemOfRow[row + 2], s2, excludedSorted);
            offer(top, itemOfRow[row + 3], s3, excludedSorted);
        }
        for (; row < n; row++) {
            if (top.full() && norms[row] * userNorm < top.worst()) {
                return new Scan(top, row);
            }
            int o = row * f;
            float s = 0;
            for (int d = 0; d < f; d++) {
                s += rows[o + d] * user[d];
            }
            offer(top, itemOfRow[row], s, excludedSorted);
        }
        return new Scan(top, n);
    }

    private static void offer(TopK top, int item, float score, int[] excludedSorted) {
        if (top.accepts(item, score) && Arrays.binarySearch(excludedSorted, item) < 0) {
            top.offer(item, score);
        }
    }
}
