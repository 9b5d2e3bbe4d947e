package org.vsekai.backpack.recommender.model.algorithm;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * Implicit-feedback ALS (Hu, Koren, Volinsky 2008): preference 1 for every observed pair, confidence 1 + α·weight,
 * L2 regularisation λ. Each half-step solves every user's (then item's) normal equations approximately with a few
 * conjugate-gradient steps, warm-started from the previous factors (Takács, Pilászy, Tikk 2011), so a step costs
 * O(f² + nnz·f) per row instead of a f³ solve. Factors are float arrays, one row per user/item, row-major.
 */
public final class ImplicitAls implements ItemItemRecommender, FactorModel {

    private static final System.Logger LOG = System.getLogger(ImplicitAls.class.getName());

    /**
     * The model's shape and training schedule. A row's regularisation is λ·n^ν for its n observed entries: ν = 0 is
     * the plain Hu-Koren-Volinsky penalty, ν = 1 Spark MLlib's ALS-WR scaling (heavy users regularised harder).
     */
    public record Settings(int factors, double regularization, double regularizationExponent, double alpha,
            int iterations, int cgSteps, long seed) {

        public Settings {
            if (factors <= 0 || iterations < 0 || cgSteps <= 0 || regularization < 0 || alpha < 0
                    || regularizationExponent < 0) {
                throw new IllegalArgumentException("invalid ALS settings: " + this);
            }
        }
    }

    private final Settings settings;
    private InteractionMatrix interactions;
    private float[] userFactors = new float[0];
    private float[] itemFactors = new float[0];

    public ImplicitAls(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void fit(InteractionMatrix matrix) {
        int f = settings.factors();
        Random random = new Random(settings.seed());
        float[] users = randomFactors(matrix.userCount() * f, random);
        float[] items = randomFactors(matrix.itemCount() * f, random);
        long started = System.nanoTime();
        try (Workers workers = new Workers()) {
            for (int iteration = 1; iteration <= settings.iterations(); iteration++) {
                long iterationStarted = System.nanoTime();
                solve(workers, users, items, matrix.userCount(), true, matrix);
                solve(workers, items, users, matrix.itemCount(), false, matrix);
                LOG.log(Level.INFO, "iALS f={0} λ={1} α={2}: iteration {3}/{4} in {5} ms", f,
                        settings.regularization(), settings.alpha(), iteration, settings.iterations(),
                        (System.nanoTime() - iterationStarted) / 1_000_000);
            }
        }
        interactions = matrix;
        userFactors = users;
        itemFactors = items;
        LOG.log(Level.INFO, "iALS fitted {0} users × {1} items in {2} ms", matrix.userCount(), matrix.itemCount(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static float[] randomFactors(int length, Random random) {
        float[] factors = new float[length];
        for (int i = 0; i < length; i++) {
            factors[i] = random.nextFloat() * 0.01f;
        }
        return factors;
    }

    /** Updates every row of {@code solved} (users when byUser) against the fixed {@code other} factors. */
    private void solve(Workers workers, float[] solved, float[] other, int rows, boolean byUser,
            InteractionMatrix matrix) {
        float[] gram = gram(other, settings.factors());
        workers.forRange(rows, (slice, from, to) -> {
            RowSolver solver = new RowSolver(settings.factors());
            for (int row = from; row < to; row++) {
                solver.solve(solved, row * settings.factors(), other, gram, row, byUser, matrix);
            }
        });
    }

    /**
     * The vector one more user half-step of this training would give {@code user}: the trainer's own update (its
     * conjugate-gradient steps, warm-started from the fitted vector) against the fitted item factors. The reference
     * a fold-in is held to (recommender-model's {@code foldin.FoldIn} solves the same system exactly).
     */
    public float[] userUpdate(int user) {
        return update(user, true);
    }

    /** As {@link #userUpdate}, for an item against the fitted user factors. */
    public float[] itemUpdate(int item) {
        return update(item, false);
    }

    private float[] update(int row, boolean byUser) {
        int f = settings.factors();
        float[] vector = Arrays.copyOfRange(byUser ? userFactors : itemFactors, row * f, (row + 1) * f);
        float[] other = byUser ? itemFactors : userFactors;
        new RowSolver(f).solve(vector, 0, other, gram(other, f), row, byUser, interactions);
        return vector;
    }

    /** One row's normal equations by conjugate gradient, with its scratch vectors (one solver per thread). */
    private final class RowSolver {
        private final float[] x;
        private final float[] r;
        private final float[] p;
        private final float[] ap;

        RowSolver(int f) {
            x = new float[f];
            r = new float[f];
            p = new float[f];
            ap = new float[f];
        }

        /** Row {@code row}'s vector, read (warm start) from and written to {@code vectors} at {@code at}. */
        void solve(float[] vectors, int at, float[] other, float[] gram, int row, boolean byUser,
                InteractionMatrix matrix) {
            int f = settings.factors();
            float alpha = (float) settings.alpha();
            int start = byUser ? matrix.rowStart(row) : matrix.columnStart(row);
            int end = byUser ? matrix.rowEnd(row) : matrix.columnEnd(row);
            float lambda = (float) (settings.regularization()
                    * Math.pow(Math.max(1, end - start), settings.regularizationExponent()));
            System.arraycopy(vectors, at, x, 0, f);
            // r = b − A·x, with A = YᵀY + λI + Σ (c−1)·y·yᵀ and b = Σ c·y over the row's observed entries.
            multiply(gram, x, r, f);
            for (int d = 0; d < f; d++) {
                r[d] = -r[d] - lambda * x[d];
            }
            for (int pos = start; pos < end; pos++) {
                int o = (byUser ? matrix.itemAt(pos) : matrix.userAt(pos)) * f;
                float confidence = 1 + alpha * (byUser ? matrix.rowWeightAt(pos) : matrix.columnWeightAt(pos));
                float coefficient = confidence - (confidence - 1) * dot(other, o, x, f);
                for (int d = 0; d < f; d++) {
                    r[d] += coefficient * other[o + d];
                }
            }
            System.arraycopy(r, 0, p, 0, f);
            float rsOld = dot(r, 0, r, f);
            for (int step = 0; step < settings.cgSteps() && rsOld > 1e-20f; step++) {
                multiply(gram, p, ap, f);
                for (int d = 0; d < f; d++) {
                    ap[d] += lambda * p[d];
                }
                int pos = start;
                // Two entries at a time: their dot products are independent (two add chains to overlap), and
                // ap is updated in the same order as one at a time, so results are bit-identical.
                for (; pos + 2 <= end; pos += 2) {
                    int o0 = (byUser ? matrix.itemAt(pos) : matrix.userAt(pos)) * f;
                    int o1 = (byUser ? matrix.itemAt(pos + 1) : matrix.userAt(pos + 1)) * f;
                    float dot0 = 0;
                    float dot1 = 0;
                    for (int d = 0; d < f; d++) {
                        float v = p[d];
                        dot0 += other[o0 + d] * v;
                        dot1 += other[o1 + d] * v;
                    }
                    float c0 = alpha * (byUser ? matrix.rowWeightAt(pos) : matrix.columnWeightAt(pos)) * dot0;
                    float c1 = alpha * (byUser ? matrix.rowWeightAt(pos + 1) : matrix.columnWeightAt(pos + 1))
                            * dot1;
                    for (int d = 0; d < f; d++) {
                        ap[d] += c0 * other[o0 + d];
                    }
                    for (int d = 0; d < f; d++) {
                        ap[d] += c1 * other[o1 + d];
                    }
                }
                for (; pos < end; pos++) {
                    int o = (byUser ? matrix.itemAt(pos) : matrix.userAt(pos)) * f;
                    float confidence = alpha * (byUser ? matrix.rowWeightAt(pos) : matrix.columnWeightAt(pos));
                    float coefficient = confidence * dot(other, o, p, f);
                    for (int d = 0; d < f; d++) {
                        ap[d] += coefficient * other[o + d];
                    }
                }
                float pAp = dot(p, 0, ap, f);
                if (!(pAp > 0)) {
                    break;
                }
                float stepSize = rsOld / pAp;
                for (int d = 0; d < f; d++) {
                    x[d] += stepSize * p[d];
                    r[d] -= stepSize * ap[d];
                }
                float rsNew = dot(r, 0, r, f);
                for (int d = 0; d < f; d++) {
                    p[d] = r[d] + (rsNew / rsOld) * p[d];
                }
                rsOld = rsNew;
            }
            System.arraycopy(x, 0, vectors, at, f);
        }
    }

    /** YᵀY for row-major factors Y (f×f, row-major). */
    private static float[] gram(float[] factors, int f) {
        double[] sum = new double[f * f];
        for (int row = 0; row < factors.length; row += f) {
            for (int a = 0; a < f; a++) {
                double ya = factors[row + a];
                for (int b = 0; b < f; b++) {
                    sum[a * f + b] += ya * factors[row + b];
                }
            }
        }
        float[] gram = new float[f * f];
        for (int i = 0; i < gram.length; i++) {
            gram[i] = (float) sum[i];
        }
        return gram;
    }

    /** into = matrix·vector: the hot loop of training (f² per CG step per row). */
    private static void multiply(float[] matrix, float[] vector, float[] into, int f) {
        DotProducts.rows(matrix, 0, f, vector, f, into, 0);
    }

    private static float dot(float[] rows, int offset, float[] vector, int f) {
        return DotProducts.dot(rows, offset, vector, f);
    }

    @Override
    public List<ScoredIndex> recommend(int user, int k, IntPredicate excluded) {
        int f = settings.factors();
        float[] x = new float[f];
        System.arraycopy(userFactors, user * f, x, 0, f);
        TopK top = new TopK(k);
        for (int item = 0; item < interactions.itemCount(); item++) {
            if (interactions.columnEnd(item) > interactions.columnStart(item) && !excluded.test(item)) {
                top.offer(item, dot(itemFactors, item * f, x, f));
            }
        }
        return top.result();
    }

    /** Items ranked by the cosine of their factor vectors. */
    @Override
    public List<ScoredIndex> similarItems(int item, int k) {
        int f = settings.factors();
        float[] y = new float[f];
        System.arraycopy(itemFactors, item * f, y, 0, f);
        float norm = (float) Math.sqrt(dot(y, 0, y, f));
        TopK top = new TopK(k);
        for (int j = 0; j < interactions.itemCount(); j++) {
            if (j != item && interactions.columnEnd(j) > interactions.columnStart(j)) {
                float other = (float) Math.sqrt(dot(itemFactors, j * f, itemFactors, j * f, f));
                top.offer(j, dot(itemFactors, j * f, y, f) / Math.max(norm * other, 1e-12f));
            }
        }
        return top.result();
    }

    private static float dot(float[] a, int offsetA, float[] b, int offsetB, int f) {
        float sum = 0;
        for (int d = 0; d < f; d++) {
            sum += a[offsetA + d] * b[offsetB + d];
        }
        return sum;
    }

    @Override
    public int factors() {
        return settings.factors();
    }

    /** The item factors (a copy), row-major: item i at [i·f, (i+1)·f), for serving layouts. */
    @Override
    public float[] itemFactors() {
        return itemFactors.clone();
    }

    /** The user's factor vector (a copy), for tests and later serving layouts. */
    @Override
    public float[] userVector(int user) {
        int f = settings.factors();
        float[] x = new float[f];
        System.arraycopy(userFactors, user * f, x, 0, f);
        return x;
    }
}
