package org.vsekai.backpack.pose.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/** Every stored vector compared with the query: exact, O(n · d) per query, the reference the HNSW one is held to. */
public final class ExactPoseIndex implements PoseIndex {

    private final int dimensions;
    private final List<String> ids = new ArrayList<>();
    private float[] vectors = new float[0];

    public ExactPoseIndex(int dimensions) {
        this.dimensions = dimensions;
    }

    @Override
    public synchronized void add(String id, float[] vector) {
        PoseIndexes.check(vector, dimensions);
        int n = ids.size();
        if ((n + 1) * dimensions > vectors.length) {
            vectors = Arrays.copyOf(vectors, Math.max(16, 2 * (n + 1)) * dimensions);
        }
        System.arraycopy(vector, 0, vectors, n * dimensions, dimensions);
        ids.add(id);
    }

    @Override
    public synchronized List<PoseMatch> nearest(float[] query, int k) {
        PoseIndexes.check(query, dimensions);
        // A min-heap of the best k so far: the worst of them is at the head, replaced by anything better.
        PriorityQueue<Scored> best = new PriorityQueue<>(k + 1, (a, b) -> Float.compare(a.dot, b.dot));
        for (int i = 0; i < ids.size(); i++) {
            float dot = 0;
            int offset = i * dimensions;
            for (int j = 0; j < dimensions; j++) {
                dot += vectors[offset + j] * query[j];
            }
            if (best.size() < k) {
                best.add(new Scored(dot, i));
            } else if (k > 0 && dot > best.peek().dot) {
                best.poll();
                best.add(new Scored(dot, i));
            }
        }
        List<PoseMatch> matches = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            Scored e = best.poll();
            matches.add(new PoseMatch(ids.get(e.index), e.dot));
        }
        java.util.Collections.reverse(matches);
        return matches;
    }

    /** Hands every stored entry, in the order added, to {@code sink}. */
    public synchronized void forEach(java.util.function.BiConsumer<String, float[]> sink) {
        for (int i = 0; i < ids.size(); i++) {
            sink.accept(ids.get(i), Arrays.copyOfRange(vectors, i * dimensions, (i + 1) * dimensions));
        }
    }

    private record Scored(float dot, int index) {
    }

    @Override
    public synchronized int size() {
        return ids.size();
    }
}
