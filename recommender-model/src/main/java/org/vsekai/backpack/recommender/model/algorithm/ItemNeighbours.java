package org.vsekai.backpack.recommender.model.algorithm;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * Each item's top neighbours with their weights, in one CSR structure (three flat arrays instead of an object per
 * link); shared by the neighbourhood models. A user's score for an item is the weighted sum of the links from the
 * user's items to it. Made by fitting, or from the three arrays (a saved model, {@link #of}); read-only: serving
 * layouts read it through the position accessors, a model file through the read-only array views.
 */
public final class ItemNeighbours {

    /** Computes one item's neighbours into {@code top}; {@code scratch} is a zeroed array per thread, left zeroed. */
    interface RowComputation {
        void neighboursOf(int item, float[] scratch, int[] touched, TopK top);
    }

    private final int[] start;
    private final int[] items;
    private final float[] weights;

    private ItemNeighbours(int[] start, int[] items, float[] weights) {
        this.start = start;
        this.items = items;
        this.weights = weights;
    }

    /**
     * Neighbour lists from their CSR arrays: item i's neighbours are {@code items[start[i], start[i+1])}, most similar
     * first, with their {@code weights} at the same positions. The arrays are kept, not copied: do not change them.
     *
     * @throws IllegalArgumentException when the arrays do not make such lists over {@code start.length - 1} items
     */
    public static ItemNeighbours of(int[] start, int[] items, float[] weights) {
        if (start.length == 0 || start[0] != 0 || start[start.length - 1] != items.length
                || items.length != weights.length) {
            throw new IllegalArgumentException("inconsistent neighbour arrays");
        }
        int n = start.length - 1;
        for (int i = 0; i < n; i++) {
            if (start[i + 1] < start[i]) {
                throw new IllegalArgumentException("neighbour list " + i + " ends before it starts");
            }
        }
        for (int item : items) {
            if (item < 0 || item >= n) {
                throw new IllegalArgumentException("neighbour " + item + " is not an item");
            }
        }
        return new ItemNeighbours(start, items, weights);
    }

    static ItemNeighbours empty() {
        return new ItemNeighbours(new int[] {0}, new int[0], new float[0]);
    }

    /** Computes every item's row in parallel; rows are scaled to sum to 1 when {@code normalise}. */
    static ItemNeighbours compute(int n, int neighbours, boolean normalise, RowComputation computation) {
        int[][] lists = new int[n][];
        float[][] values = new float[n][];
        try (Workers workers = new Workers()) {
            workers.forRange(n, (slice, from, to) -> {
                float[] scratch = new float[n];
                int[] touched = new int[n];
                for (int i = from; i < to; i++) {
                    TopK top = new TopK(neighbours);
                    computation.neighboursOf(i, scratch, touched, top);
                    List<ScoredIndex> best = top.result();
                    double total = 0;
                    for (ScoredIndex neighbour : best) {
                        total += neighbour.score();
                    }
                    lists[i] = new int[best.size()];
                    values[i] = new float[best.size()];
                    for (int b = 0; b < best.size(); b++) {
                        lists[i][b] = best.get(b).item();
                        values[i][b] = normalise ? (float) (best.get(b).score() / total) : best.get(b).score();
                    }
                }
            });
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + lists[i].length;
        }
        int[] items = new int[start[n]];
        float[] weights = new float[start[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(lists[i], 0, items, start[i], lists[i].length);
            System.arraycopy(values[i], 0, weights, start[i], lists[i].length);
        }
        return new ItemNeighbours(start, items, weights);
    }

    public int links() {
        return items.length;
    }

    public int itemCount() {
        return start.length - 1;
    }

    /** The item's neighbours sit at positions start(item) until end(item), most similar first. */
    public int start(int item) {
        return start[item];
    }

    public int end(int item) {
        return start[item + 1];
    }

    public int neighbourAt(int position) {
        return items[position];
    }

    public float weightAt(int position) {
        return weights[position];
    }

    /** The weight of the link from item {@code from} to item {@code to}; 0 when {@code to} is not a neighbour. */
    public float weight(int from, int to) {
        for (int q = start[from]; q < start[from + 1]; q++) {
            if (items[q] == to) {
                return weights[q];
            }
        }
        return 0;
    }

    /** The {@code start} array of {@link #of} (items + 1 positions), read-only, without a copy. */
    public IntBuffer startView() {
        return IntBuffer.wrap(start).asReadOnlyBuffer();
    }

    /** The {@code items} array of {@link #of} ({@link #links()} neighbours), read-only, without a copy. */
    public IntBuffer neighbourView() {
        return IntBuffer.wrap(items).asReadOnlyBuffer();
    }

    /** The {@code weights} array of {@link #of} ({@link #links()} weights), read-only, without a copy. */
    public FloatBuffer weightView() {
        return FloatBuffer.wrap(weights).asReadOnlyBuffer();
    }

    List<ScoredIndex> recommend(InteractionMatrix interactions, int user, int k, IntPredicate excluded) {
        float[] scores = new float[interactions.itemCount()];
        int[] touched = new int[interactions.itemCount()];
        int touchedCount = 0;
        for (int p = interactions.rowStart(user); p < interactions.rowEnd(user); p++) {
            int i = interactions.itemAt(p);
            for (int q = start[i]; q < start[i + 1]; q++) {
                int j = items[q];
                if (scores[j] == 0) {
                    touched[touchedCount++] = j;
                }
                scores[j] += weights[q];
            }
        }
        TopK top = new TopK(k);
        for (int t = 0; t < touchedCount; t++) {
            int j = touched[t];
            if (!excluded.test(j)) {
                top.offer(j, scores[j]);
            }
        }
        return top.result();
    }

    List<ScoredIndex> of(int item, int k) {
        List<ScoredIndex> result = new ArrayList<>();
        for (int q = start[item]; q < Math.min(start[item + 1], start[item] + k); q++) {
            result.add(new ScoredIndex(items[q], weights[q]));
        }
        return result;
    }
}
