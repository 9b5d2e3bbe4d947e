package org.vsekai.backpack.pose.search;

/**
 * A stored pose near the query.
 *
 * @param similarity the dot product of the two unit vectors (cosine similarity, 1 for the same pose)
 */
public record PoseMatch(String id, float similarity) {
}
