package org.vsekai.backpack.recommender.model.algorithm;

import java.util.List;
import java.util.function.IntPredicate;

import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * A user-item model: fitted on an interaction matrix, then asked for a user's top items. Models that can also say
 * which items are alike implement {@link ItemItemRecommender}; the type says what a model can do.
 */
public interface Recommender {

    /** Learns from the matrix; later calls use its user and item indexes. */
    void fit(InteractionMatrix interactions);

    /**
     * The user's best {@code k} items, best first, never one for which {@code excluded} is true; fewer when the model
     * has fewer items with a score (items without any interaction are never returned).
     */
    List<ScoredIndex> recommend(int user, int k, IntPredicate excluded);
}
