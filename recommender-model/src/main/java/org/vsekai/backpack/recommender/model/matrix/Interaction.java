package org.vsekai.backpack.recommender.model.matrix;

/**
 * One observed (user, item) event: its weight (1 for a plain implicit signal) and when it happened, in seconds since
 * the epoch.
 */
public record Interaction(String userId, String itemId, float weight, long time) {

    public Interaction {
        if (userId == null || itemId == null) {
            throw new IllegalArgumentException("user and item ids are required");
        }
        if (!Float.isFinite(weight)) {
            throw new IllegalArgumentException("weight must be finite, was " + weight);
        }
    }
}
