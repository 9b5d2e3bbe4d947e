package org.vsekai.backpack.pose.search;

import java.util.List;

/**
 * Pose search that is exact while the set is small and HNSW once it is not: below {@code threshold} poses a scan
 * is both exact and fast (about 50k multiply-adds per thousand poses); at the threshold every pose so far goes into
 * an HNSW graph, and from then on searches use the graph. The exact store is kept too (twice the memory: 204 bytes
 * a pose), for the exact answer the bench measures recall against.
 */
public final class PoseSearch implements AutoCloseable {

    /** How a search was answered. */
    public enum Method {
        EXACT, HNSW
    }

    /** The matches and how they were found. */
    public record Result(List<PoseMatch> matches, Method method) {
    }

    private final int dimensions;
    private final int threshold;
    private final HnswSettings hnsw;
    private final ExactPoseIndex exact;
    private HnswPoseIndex graph;

    /** The graph's parameters ({@link HnswPoseIndex}). */
    public record HnswSettings(int maxConnections, int beamWidth, int candidates) {

        public static final HnswSettings DEFAULTS = new HnswSettings(16, 100, 100);
    }

    public PoseSearch(int dimensions, int threshold, HnswSettings hnsw) {
        if (threshold < 1) {
            throw new IllegalArgumentException("the threshold is at least 1");
        }
        this.dimensions = dimensions;
        this.threshold = threshold;
        this.hnsw = hnsw;
        this.exact = new ExactPoseIndex(dimensions);
    }

    public synchronized void add(String id, float[] vector) {
        exact.add(id, vector);
        if (graph != null) {
            graph.add(id, vector);
        } else if (exact.size() >= threshold) {
            graph = new HnswPoseIndex(dimensions, hnsw.maxConnections(), hnsw.beamWidth(), hnsw.candidates());
            exact.forEach(graph::add);
            graph.merge();
        }
    }

    public Result nearest(float[] query, int k) {
        HnswPoseIndex current;
        synchronized (this) {
            current = graph;
            if (current != null) {
                current.refresh();
            }
        }
        return current == null ? new Result(exact.nearest(query, k), Method.EXACT)
                : new Result(current.nearest(query, k), Method.HNSW);
    }

    /** The exact answer whatever the size (for recall). */
    public List<PoseMatch> exactNearest(float[] query, int k) {
        return exact.nearest(query, k);
    }

    public synchronized int size() {
        return exact.size();
    }

    @Override
    public synchronized void close() {
        if (graph != null) {
            graph.close();
        }
    }
}
