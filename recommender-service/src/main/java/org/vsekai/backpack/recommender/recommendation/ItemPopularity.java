package org.vsekai.backpack.recommender.recommendation;

/** How many distinct users interacted with an item. */
public record ItemPopularity(String itemId, long users) {
}
