package org.vsekai.backpack.recommender.model.algorithm;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.IntPredicate;

import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * EASE (Steck, 2019): a closed-form item-item linear model. With G = XᵀX + λI and P = G⁻¹, the weights are
 * B = −P / diag(P) with a zero diagonal; a user's scores are the sum of the B rows of the user's items.
 * For small catalogues only: it inverts a dense item×item matrix (O(n³) time, n² doubles), which is seconds for
 * MovieLens' 1,682 items and impossible for 200k; large catalogues need ItemCF or ALS.
 */
public final class Ease implements ItemItemRecommender {

    private static final System.Logger LOG = System.getLogger(Ease.class.getName());

    private final double lambda;
    private InteractionMatrix interactions;
    private float[] weights = new float[0];
    private int n;

    public Ease(double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be positive, was " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public void fit(InteractionMatrix matrix) {
        long started = System.nanoTime();
        int size = matrix.itemCount();
        double[] gram = new double[size * size];
        for (int user = 0; user < matrix.userCount(); user++) {
            for (int p = matrix.rowStart(user); p < matrix.rowEnd(user); p++) {
                int row = matrix.itemAt(p) * size;
                float w = matrix.rowWeightAt(p);
                for (int q = matrix.rowStart(user); q < matrix.rowEnd(user); q++) {
                    gram[row + matrix.itemAt(q)] += w * matrix.rowWeightAt(q);
                }
            }
        }
        for (int i = 0; i < size; i++) {
            gram[i * size + i] += lambda;
        }
        invertInPlace(gram, size);
        float[] fitted = new float[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                fitted[i * size + j] = i == j ? 0f : (float) (-gram[i * size + j] / gram[j * size + j]);
            }
        }
        interactions = matrix;
        weights = fitted;
        n = size;
        LOG.log(Level.INFO, "EASE λ={0}: {1} items fitted in {2} ms", lambda, size,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Gauss-Jordan inversion in place, without pivoting: safe because G is symmetric positive definite (λ > 0). Each
     * elimination step updates the other rows in parallel.
     */
    static void invertInPlace(double[] a, int size) {
        try (Workers workers = new Workers()) {
            for (int k = 0; k < size; k++) {
                int pivotRow = k * size;
                double pivot = a[pivotRow + k];
                a[pivotRow + k] = 1;
                for (int j = 0; j < size; j++) {
                    a[pivotRow + j] /= pivot;
                }
                int step = k;
                workers.forRange(size, (slice, from, to) -> {
                    for (int i = from; i < to; i++) {
                        int row = i * size;
                        double factor = a[row + step];
                        if (i == step || factor == 0) {
                            continue;
                        }
                        a[row + step] = 0;
                        for (int j = 0; j < size; j++) {
                            a[row + j] -= factor * a[pivotRow + j];
                        }
                    }
                });
            }
        }
    }

    @Override
    public List<ScoredIndex> recommend(int user, int k, IntPredicate excluded) {
        float[] scores = new float[n];
        for (int p = interactions.rowStart(user); p < interactions.rowEnd(user); p++) {
            int row = interactions.itemAt(p) * n;
            float w = interactions.rowWeightAt(p);
            for (int j = 0; j < n; j++) {
                scores[j] += w * weights[row + j];
            }
        }
        TopK top = new TopK(k);
        for (int j = 0; j < n; j++) {
            if (interactions.columnEnd(j) > interactions.columnStart(j) && !excluded.test(j)) {
                top.offer(j, scores[j]);
            }
        }
        return top.result();
    }

    @Override
    public List<ScoredIndex> similarItems(int item, int k) {
        TopK top = new TopK(k);
        for (int j = 0; j < n; j++) {
            if (j != item && interactions.columnEnd(j) > interactions.columnStart(j)) {
                top.offer(j, weights[item * n + j]);
            }
        }
        return top.result();
    }
}
