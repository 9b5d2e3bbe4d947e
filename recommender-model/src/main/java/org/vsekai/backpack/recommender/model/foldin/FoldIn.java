package org.vsekai.backpack.recommender.model.foldin;

import org.vsekai.backpack.recommender.model.algorithm.ImplicitAls;

/**
 * iALS fold-in: one new row's vector (a user against fixed item factors, or a new item against fixed user factors)
 * from its observed entries, without a training. It solves exactly the system the trainer's half-step solves for
 * that row, (YᵀY + λ·n^ν·I + Σ (c−1)·y·yᵀ) x = Σ c·y with confidence c = 1 + α·weight (Hu, Koren, Volinsky 2008),
 * but by a Cholesky factorisation in double instead of a few warm-started conjugate-gradient steps: a fold-in has no
 * previous vector to start from, and one f × f solve costs microseconds. YᵀY, the part every row shares, is
 * computed once per set of fixed factors (the snapshot's), so a fold-in costs O(n·f² + f³) for n entries.
 *
 * <p>Immutable and thread-safe; the fixed factors are read, never written, and must not change while it is used.
 */
public final class FoldIn {

    private final int factors;
    private final float[] fixed;
    private final int rows;
    private final double[] gram;
    private final double regularization;
    private final double regularizationExponent;
    private final double alpha;

    private FoldIn(int factors, float[] fixed, double[] gram, double regularization, double regularizationExponent,
            double alpha) {
        this.factors = factors;
        this.fixed = fixed;
        this.rows = factors == 0 ? 0 : fixed.length / factors;
        this.gram = gram;
        this.regularization = regularization;
        this.regularizationExponent = regularizationExponent;
        this.alpha = alpha;
    }

    /**
     * Against {@code fixedFactors} (row-major, row r at [r·f, (r+1)·f)), with the trainer's regularisation and
     * confidence from {@code settings}.
     */
    public static FoldIn against(float[] fixedFactors, ImplicitAls.Settings settings) {
        return against(fixedFactors, settings.factors(), settings.regularization(),
                settings.regularizationExponent(), settings.alpha());
    }

    public static FoldIn against(float[] fixedFactors, int factors, double regularization,
            double regularizationExponent, double alpha) {
        if (factors <= 0 || fixedFactors.length % factors != 0) {
            throw new IllegalArgumentException(fixedFactors.length + " factors are not rows of " + factors);
        }
        if (!(regularization > 0) || regularizationExponent < 0 || alpha < 0) {
            // λ = 0 leaves a row with fewer entries than factors singular: it has no unique fold-in.
            throw new IllegalArgumentException("fold-in needs λ > 0, ν ≥ 0 and α ≥ 0; got λ=" + regularization
                    + " ν=" + regularizationExponent + " α=" + alpha);
        }
        return new FoldIn(factors, fixedFactors, gram(fixedFactors, factors), regularization,
                regularizationExponent, alpha);
    }

    /** YᵀY in double, f × f row-major: the one O(rows·f²) step, done once. */
    private static double[] gram(float[] y, int f) {
        double[] sum = new double[f * f];
        for (int row = 0; row < y.length; row += f) {
            for (int a = 0; a < f; a++) {
                double ya = y[row + a];
                if (ya == 0) {
                    continue;
                }
                for (int b = a; b < f; b++) {
                    sum[a * f + b] += ya * y[row + b];
                }
            }
        }
        for (int a = 0; a < f; a++) {
            for (int b = 0; b < a; b++) {
                sum[a * f + b] = sum[b * f + a];
            }
        }
        return sum;
    }

    public int factors() {
        return factors;
    }

    /** How many fixed rows there are (valid indexes are 0 until this). */
    public int rows() {
        return rows;
    }

    /**
     * The new row's vector from its entries: {@code indexes[k]} is a fixed row it interacted with (each at most
     * once), {@code weights[k]} that entry's weight (above zero, as the trainer's matrix holds it). No entries give
     * the zero vector, which is what the trainer's system gives too.
     */
    public float[] solve(int[] indexes, float[] weights) {
        if (indexes.length != weights.length) {
            throw new IllegalArgumentException(indexes.length + " indexes but " + weights.length + " weights");
        }
        int f = factors;
        double[] a = gram.clone();
        double[] b = new double[f];
        double lambda = regularization * Math.pow(Math.max(1, indexes.length), regularizationExponent);
        for (int d = 0; d < f; d++) {
            a[d * f + d] += lambda;
        }
        double[] y = new double[f];
        for (int k = 0; k < indexes.length; k++) {
            int index = indexes[k];
            float weight = weights[k];
            if (index < 0 || index >= rows) {
                throw new IllegalArgumentException("index " + index + " is not one of the " + rows + " fixed rows");
            }
            if (!(weight > 0) || Float.isInfinite(weight)) {
                throw new IllegalArgumentException("weight " + weight + " of index " + index + " is not above zero");
            }
            // In float, as the trainer forms it, so that both solve the same system.
            double confidence = 1 + (float) alpha * weight;
            for (int d = 0; d < f; d++) {
                y[d] = fixed[index * f + d];
            }
            double extra = confidence - 1;
            for (int p = 0; p < f; p++) {
                double yp = extra * y[p];
                for (int q = p; q < f; q++) {
                    a[p * f + q] += yp * y[q];
                }
                b[p] += confidence * y[p];
            }
        }
        for (int p = 0; p < f; p++) {
            for (int q = 0; q < p; q++) {
                a[p * f + q] = a[q * f + p];
            }
        }
        double[] x = choleskySolve(a, b, f);
        float[] vector = new float[f];
        for (int d = 0; d < f; d++) {
            vector[d] = (float) x[d];
        }
        return vector;
    }

    /** Solves A x = b for symmetric positive definite A (overwritten with its factor L, lower triangle). */
    private static double[] choleskySolve(double[] a, double[] b, int f) {
        for (int j = 0; j < f; j++) {
            double diagonal = a[j * f + j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j * f + k] * a[j * f + k];
            }
            if (!(diagonal > 0)) {
                throw new IllegalStateException("the fold-in system is not positive definite (column " + j + ")");
            }
            double l = Math.sqrt(diagonal);
            a[j * f + j] = l;
            for (int i = j + 1; i < f; i++) {
                double sum = a[i * f + j];
                for (int k = 0; k < j; k++) {
                    sum -= a[i * f + k] * a[j * f + k];
                }
                a[i * f + j] = sum / l;
            }
        }
        double[] z = new double[f];
        for (int i = 0; i < f; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= a[i * f + k] * z[k];
            }
            z[i] = sum / a[i * f + i];
        }
        double[] x = new double[f];
        for (int i = f - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < f; k++) {
                sum -= a[k * f + i] * x[k];
            }
            x[i] = sum / a[i * f + i];
        }
        return x;
    }
}
