package org.vsekai.backpack.recommender.model.algorithm;

import java.lang.System.Logger.Level;

import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * RP3beta (Paudel et al. 2017, as in Dacrema et al. 2019): a three-step random walk item → user → item on the
 * bipartite graph, transition probabilities raised to α, and the arrival item's popularity divided out to the power
 * β, which favours the long tail. W[i][j] = Σ_u P(u|i)^α · P(j|u)^α / pop(j)^β, top {@code neighbours} per item.
 */
public final class Rp3Beta extends NeighbourModel {

    private static final System.Logger LOG = System.getLogger(Rp3Beta.class.getName());

    private final double alpha;
    private final double beta;
    private final int neighbours;
    private final boolean normalise;

    /** {@code normalise} scales each item's kept weights to sum to 1. */
    public Rp3Beta(double alpha, double beta, int neighbours, boolean normalise) {
        if (neighbours <= 0 || alpha <= 0 || beta < 0) {
            throw new IllegalArgumentException("need neighbours > 0, alpha > 0, beta >= 0");
        }
        this.alpha = alpha;
        this.beta = beta;
        this.neighbours = neighbours;
        this.normalise = normalise;
    }

    @Override
    public void fit(InteractionMatrix matrix) {
        long started = System.nanoTime();
        int n = matrix.itemCount();
        float[] userTotal = new float[matrix.userCount()];
        for (int u = 0; u < userTotal.length; u++) {
            for (int p = matrix.rowStart(u); p < matrix.rowEnd(u); p++) {
                userTotal[u] += matrix.rowWeightAt(p);
            }
        }
        // P(j|u)^α depends on the row entry only: once per entry here, not once per item whose walk passes it.
        float[] fromUser = new float[matrix.nonZeroCount()];
        for (int u = 0; u < userTotal.length; u++) {
            for (int p = matrix.rowStart(u); p < matrix.rowEnd(u); p++) {
                fromUser[p] = (float) Math.pow(matrix.rowWeightAt(p) / userTotal[u], alpha);
            }
        }
        float[] itemTotal = new float[n];
        float[] popularityPenalty = new float[n];
        for (int i = 0; i < n; i++) {
            for (int p = matrix.columnStart(i); p < matrix.columnEnd(i); p++) {
                itemTotal[i] += matrix.columnWeightAt(p);
            }
            int degree = matrix.columnEnd(i) - matrix.columnStart(i);
            popularityPenalty[i] = degree == 0 ? 0 : (float) Math.pow(degree, -beta);
        }
        ItemNeighbours fitted = ItemNeighbours.compute(n, neighbours, normalise, (i, walk, touched, top) -> {
            int touchedCount = 0;
            for (int p = matrix.columnStart(i); p < matrix.columnEnd(i); p++) {
                int user = matrix.userAt(p);
                float toUser = (float) Math.pow(matrix.columnWeightAt(p) / itemTotal[i], alpha);
                for (int q = matrix.rowStart(user); q < matrix.rowEnd(user); q++) {
                    int j = matrix.itemAt(q);
                    if (j == i) {
                        continue;
                    }
                    if (walk[j] == 0) {
                        touched[touchedCount++] = j;
                    }
                    walk[j] += toUser * fromUser[q];
                }
            }
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                top.offer(j, walk[j] * popularityPenalty[j]);
                walk[j] = 0;
            }
        });
        adopt(matrix, fitted);
        LOG.log(Level.INFO, "RP3beta α={0} β={1}: {2} items, {3} links, fitted in {4} ms", alpha, beta, n,
                fitted.links(), (System.nanoTime() - started) / 1_000_000);
    }
}
