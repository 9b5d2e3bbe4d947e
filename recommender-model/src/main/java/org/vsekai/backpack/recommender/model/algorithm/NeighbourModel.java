package org.vsekai.backpack.recommender.model.algorithm;

import java.util.List;
import java.util.function.IntPredicate;

import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * What every item-neighbourhood model does once its neighbour lists are fitted: a user's score for an item is the
 * sum of the item's weights to the user's items, and similar items are the item's own list. Subclasses only say how
 * the weights are computed.
 */
abstract class NeighbourModel implements ItemItemRecommender {

    private InteractionMatrix interactions;
    private ItemNeighbours index = ItemNeighbours.empty();

    /** Serves {@code fitted} for the users of {@code matrix} from now on. */
    protected final void adopt(InteractionMatrix matrix, ItemNeighbours fitted) {
        interactions = matrix;
        index = fitted;
    }

    @Override
    public final List<ScoredIndex> recommend(int user, int k, IntPredicate excluded) {
        return index.recommend(interactions, user, k, excluded);
    }

    /** The fitted neighbour lists, for serving layouts. */
    public final ItemNeighbours neighbours() {
        return index;
    }

    @Override
    public final List<ScoredIndex> similarItems(int item, int k) {
        return index.of(item, k);
    }
}
