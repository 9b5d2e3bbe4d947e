package org.vsekai.backpack.recommender.training;

import java.time.Instant;
import java.util.List;

import org.vsekai.backpack.recommender.model.algorithm.ImplicitAls;
import org.vsekai.backpack.recommender.model.algorithm.Rp3Beta;
import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

/**
 * Fits the two serving models on one interaction matrix and lays them out for serving. Plain Java: the models
 * themselves use every core (recommender-model's worker pool), the caller's thread only waits.
 *
 * <p>Why these two: iALS is the user-item model of recommender-model meant for scale (conjugate-gradient steps, all
 * cores; the bar is 64 factors × 10 iterations on 200k × 200k × 5M in two minutes on 2 cores), it is the
 * strong user-side model of the offline evaluation, and its factors give a compact, exactly-searchable serving
 * layout. RP3beta is the item-item model: sparse precomputed neighbour lists (top 200), a popularity penalty that
 * keeps "similar items" from being "popular items", and link weights that say which of a user's items led to a
 * recommendation (the {@code because} of every answer). ItemKNN serves the same way and could replace it; EASE
 * cannot (dense item × item). Figures: {@code ./backpack evaluate} and {@code ./backpack bench}.
 */
public final class SnapshotBuilder {

    private final ImplicitAls.Settings als;
    private final double rp3Alpha;
    private final double rp3Beta;
    private final int neighbours;

    public SnapshotBuilder(ImplicitAls.Settings als, double rp3Alpha, double rp3Beta, int neighbours) {
        this.als = als;
        this.rp3Alpha = rp3Alpha;
        this.rp3Beta = rp3Beta;
        this.neighbours = neighbours;
    }

    /** Trains on the interactions (weights above zero only); fails when there is nothing to train on. */
    public ServingSnapshot build(List<Interaction> interactions, String version, Instant trainedAt) {
        List<Interaction> positive = interactions.stream().filter(i -> i.weight() > 0).toList();
        if (positive.isEmpty()) {
            throw new IllegalStateException("no interactions to train on");
        }
        return build(InteractionMatrix.of(positive), version, trainedAt);
    }

    /** Trains on the matrix; fails when it is empty. */
    public ServingSnapshot build(InteractionMatrix matrix, String version, Instant trainedAt) {
        if (matrix.nonZeroCount() == 0) {
            throw new IllegalStateException("no interactions to train on");
        }
        ImplicitAls userItem = new ImplicitAls(als);
        userItem.fit(matrix);
        Rp3Beta itemItem = new Rp3Beta(rp3Alpha, rp3Beta, neighbours, true);
        itemItem.fit(matrix);
        int f = als.factors();
        float[] userFactors = new float[matrix.userCount() * f];
        for (int u = 0; u < matrix.userCount(); u++) {
            System.arraycopy(userItem.userVector(u), 0, userFactors, u * f, f);
        }
        return ServingSnapshot.of(version, trainedAt, matrix.nonZeroCount(), matrix.users().ids(),
                matrix.items().ids(), f, userFactors, userItem.itemFactors(), itemItem.neighbours());
    }
}
