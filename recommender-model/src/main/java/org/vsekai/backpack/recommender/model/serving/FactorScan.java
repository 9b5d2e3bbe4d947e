package org.vsekai.backpack.recommender.model.serving;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import org.vsekai.backpack.recommender.model.algorithm.DotProducts;
import org.vsekai.backpack.recommender.model.algorithm.FactorModel;
import org.vsekai.backpack.recommender.model.algorithm.ScoredIndex;
import org.vsekai.backpack.recommender.model.algorithm.TopK;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * Top-k over all items for a factor model, laid out for serving: the factors of the candidate items in one
 * contiguous row-major float[], ordered by vector norm (largest first), scanned in a tight loop into a bounded
 * heap. Since y·x ≤ |y|·|x|, the scan stops as soon as the next row's bound cannot beat the k-th best score — an exact
 * cut, and an early one for popularity-skewed data, where popular items have the long vectors and win most lists.
 * Scores are the same sequential dot products as the model's own {@link FactorModel#recommend}
 * ({@link DotProducts}: four rows side by side, one accumulator each), so results are identical to it. The user's own
 * items are skipped by binary search in their sorted indexes, and an {@code allowed} test (e.g. a kind filter)
 * consulted, only for items that would enter the heap. Built from a fitted model or from plain arrays (a saved
 * model): the norm order is recomputed the same way from the factors, so both serve the same. Immutable and
 * thread-safe.
 */
public final class FactorScan {

    private static final int BLOCK = DotProducts.BLOCK;
    /**
     * Headroom on the Cauchy-Schwarz bound for float rounding: a 64-term float dot product is off by at most about
     * 64·2⁻²⁴ (4·10⁻⁶) of |y|·|x|; 10⁻⁴ covers that and the norms' own rounding with room to spare.
     */
    private static final double BOUND_SLACK = 1e-4;
    private static final IntPredicate ALL = item -> true;

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
        float[] all = model.itemFactors();
        return layout(model.factors(), all, matrix.itemCount(),
                item -> matrix.columnEnd(item) > matrix.columnStart(item));
    }

    /**
     * Item i's vector at {@code itemFactors[i·f, (i+1)·f)} for f = {@code factors}; every item is a candidate. The
     * array is read, not kept. No factors means no items.
     */
    public static FactorScan of(int factors, float[] itemFactors) {
        if (factors < 0 || (factors > 0 && itemFactors.length % factors != 0)) {
            throw new IllegalArgumentException(itemFactors.length + " item factors are not rows of " + factors);
        }
        return layout(factors, itemFactors, factors == 0 ? 0 : itemFactors.length / factors, ALL);
    }

    private static FactorScan layout(int f, float[] all, int itemCount, IntPredicate candidate) {
        double[] normOf = new double[itemCount];
        for (int item = 0; item < itemCount; item++) {
            double sum = 0;
            for (int d = 0; d < f; d++) {
                double v = all[item * f + d];
                sum += v * v;
            }
            normOf[item] = Math.sqrt(sum);
        }
        int[] itemOfRow = IntStream.range(0, itemCount).filter(candidate).boxed()
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
    public List<ScoredIndex> recommend(float[] user, int[] excludedSorted, int k) {
        return recommend(user, excludedSorted, ALL, k);
    }

    /**
     * The best {@code k} items for the user vector, best first, never one in {@code excludedSorted} (ascending item
     * indexes) nor one {@code allowed} refuses (asked only about items that would enter the top k).
     */
    public List<ScoredIndex> recommend(float[] user, int[] excludedSorted, IntPredicate allowed, int k) {
        return scan(user, excludedSorted, allowed, k, true).top.result();
    }

    /** The same result scoring every row: the worst case, for data where the norm bound does not cut early. */
    public List<ScoredIndex> recommendScanningAll(float[] user, int[] excludedSorted, int k) {
        return scan(user, excludedSorted, ALL, k, false).top.result();
    }

    /** How many rows a query scored before the bound stopped it (for the benchmark's report). */
    public int rowsScored(float[] user, int[] excludedSorted, int k) {
        return scan(user, excludedSorted, ALL, k, true).rowsScored;
    }

    private record Scan(TopK top, int rowsScored) {
    }

    private Scan scan(float[] user, int[] excludedSorted, IntPredicate allowed, int k, boolean bounded) {
        if (user.length != factors) {
            throw new IllegalArgumentException("expected " + factors + " factors, got " + user.length);
        }
        double userNorm = 0;
        for (float v : user) {
            userNorm += (double) v * v;
        }
        userNorm = bounded ? Math.sqrt(userNorm) * (1 + BOUND_SLACK) : Double.POSITIVE_INFINITY;
        TopK top = new TopK(k);
        float[] scores = new float[BLOCK];
        int f = factors;
        int n = itemOfRow.length;
        int row = 0;
        for (; row + BLOCK <= n; row += BLOCK) {
            // Rows are by norm, descending: no later row can score above this one's bound.
            if (top.full() && norms[row] * userNorm < top.worst()) {
                return new Scan(top, row);
            }
            DotProducts.rows(rows, row, BLOCK, user, f, scores, 0);
            for (int b = 0; b < BLOCK; b++) {
                offer(top, itemOfRow[row + b], scores[b], excludedSorted, allowed);
            }
        }
        for (; row < n; row++) {
            if (top.full() && norms[row] * userNorm < top.worst()) {
                return new Scan(top, row);
            }
            offer(top, itemOfRow[row], DotProducts.dot(rows, row * f, user, f), excludedSorted, allowed);
        }
        return new Scan(top, n);
    }

    private static void offer(TopK top, int item, float score, int[] excludedSorted, IntPredicate allowed) {
        if (top.accepts(item, score) && Arrays.binarySearch(excludedSorted, item) < 0 && allowed.test(item)) {
            top.offer(item, score);
        }
    }
}
