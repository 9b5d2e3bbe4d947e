package org.vsekai.backpack.recommender.interaction;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.vsekai.backpack.recommender.RecommenderConfig;

/** Checks the configured weights once, at start: a missing or negative weight stops the service. */
public class InteractionWeightsProducer {

    @Produces
    @Singleton
    InteractionWeights weights(RecommenderConfig config) {
        return new InteractionWeights(config.interactions().weights(), config.interactions().excludeAfter());
    }
}
