package org.vsekai.backpack.pose.search;

import java.util.List;

/** Stored pose vectors (unit length, one dimension for all) and the k most similar to a query. */
public interface PoseIndex extends AutoCloseable {

    /** Stores a pose; an id stored again is a second entry (the caller keeps ids unique). */
    void add(String id, float[] vector);

    /** The k most similar, most similar first. */
    List<PoseMatch> nearest(float[] query, int k);

    int size();

    @Override
    default void close() {
    }
}
