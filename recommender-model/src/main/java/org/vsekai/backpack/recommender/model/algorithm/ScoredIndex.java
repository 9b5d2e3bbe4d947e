package org.vsekai.backpack.recommender.model.algorithm;

/**
 * An item index (into the matrix's {@code IdIndex}) with the score a model gave it; higher is better. The models'
 * own result, made in their top-k loops: an int and a float, no id string, no list. It is not the REST message
 * {@code contracts.recommendation.ScoredItem} (an item id, a double score and the items that led to it), which the
 * service builds from it.
 */
public record ScoredIndex(int item, float score) {
}
