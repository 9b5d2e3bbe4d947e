package org.vsekai.backpack.recommender.model.algorithm;

/** An item index with the score a model gave it; higher is better. */
public record ScoredItem(int item, float score) {
}
