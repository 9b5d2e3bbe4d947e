package org.vsekai.backpack.recommender.model.algorithm;

import java.util.List;

/**
 * A model that can also rank items by their likeness to one item (item-item). A capability of a model, not the
 * REST message {@code contracts.recommendation.SimilarItems} that the service answers with.
 */
public interface ItemItemRecommender extends Recommender {

    /** The {@code k} items most like {@code item}, best first, never the item itself. */
    List<ScoredIndex> similarItems(int item, int k);
}
