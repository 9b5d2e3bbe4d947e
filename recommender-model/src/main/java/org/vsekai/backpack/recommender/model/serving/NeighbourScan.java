package org.vsekai.backpack.recommender.model.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntPredicate;

import org.vsekai.backpack.recommender.model.algorithm.ItemNeighbours;
import org.vsekai.backpack.recommender.model.algorithm.ScoredIndex;
import org.vsekai.backpack.recommender.model.algorithm.TopK;

/**
 * Serving over a neighbourhood model's precomputed neighbour CSR (ItemCF, RP3beta; fitted, or loaded with
 * {@link ItemNeighbours#of}). Similar items read the item's row, already sorted best first; a set of source items (a
 * user's or a session's) is scored by summing the rows of the sources into catalogue-sized scratch arrays, reused
 * between calls from a small pool (as many as calls ever ran at once) that goes away with the scan — where
 * thread-locals would keep old models' arrays alive in every worker thread — so a request allocates only the heap
 * and the result. Thread-safe.
 */
public final class NeighbourScan {

    private static final IntPredicate ALL = item -> true;

    private final ItemNeighbours neighbours;
    private final Queue<Scratch> scratch = new ConcurrentLinkedQueue<>();

    public NeighbourScan(ItemNeighbours neighbours) {
        this.neighbours = neighbours;
    }

    private static final class Scratch {
        final float[] scores;
        final int[] touched;

        Scratch(int n) {
            scores = new float[n];
            touched = new int[n];
        }
    }

    /** The neighbour lists it serves. */
    public ItemNeighbours neighbours() {
        return neighbours;
    }

    public int itemCount() {
        return neighbours.itemCount();
    }

    /** The item's {@code k} most similar items, best first, skipping {@code excludedSorted} (ascending). */
    public List<ScoredIndex> similarItems(int item, int k, int[] excludedSorted) {
        return similarItems(item, k, j -> Arrays.binarySearch(excludedSorted, j) < 0);
    }

    /** The item's {@code k} most similar items, best first, that {@code allowed} accepts. */
    public List<ScoredIndex> similarItems(int item, int k, IntPredicate allowed) {
        int end = neighbours.end(item);
        List<ScoredIndex> result = new ArrayList<>(Math.min(k, end - neighbours.start(item)));
        for (int q = neighbours.start(item); q < end && result.size() < k; q++) {
            int j = neighbours.neighbourAt(q);
            if (allowed.test(j)) {
                result.add(new ScoredIndex(j, neighbours.weightAt(q)));
            }
        }
        return result;
    }

    /**
     * The best {@code k} items for a user whose items are {@code userItemsSorted} (ascending), never one of
     * {@code excludedSorted} (ascending; usually the same array: backpack and seen items).
     */
    public List<ScoredIndex> recommend(int[] userItemsSorted, int[] excludedSorted, int k) {
        return recommend(userItemsSorted, excludedSorted, ALL, k);
    }

    /**
     * The best {@code k} items for a set of source items, each scored by the sum of its links' weights from the
     * sources, never one of {@code excludedSorted} (ascending) nor one {@code allowed} refuses (asked only about
     * items that would enter the top k).
     */
    public List<ScoredIndex> recommend(int[] sources, int[] excludedSorted, IntPredicate allowed, int k) {
        Scratch s = scratch.poll();
        if (s == null) {
            s = new Scratch(neighbours.itemCount());
        }
        List<ScoredIndex> result = recommend(s, sources, excludedSorted, allowed, k);
        scratch.offer(s); // back only when done: every touched score was reset to zero (a failure drops it)
        return result;
    }

    private List<ScoredIndex> recommend(Scratch s, int[] sources, int[] excludedSorted, IntPredicate allowed, int k) {
        float[] scores = s.scores;
        int[] touched = s.touched;
        int touchedCount = 0;
        for (int i : sources) {
            for (int q = neighbours.start(i); q < neighbours.end(i); q++) {
                int j = neighbours.neighbourAt(q);
                if (scores[j] == 0) {
                    touched[touchedCount++] = j;
                }
                scores[j] += neighbours.weightAt(q);
            }
        }
        TopK top = new TopK(k);
        for (int t = 0; t < touchedCount; t++) {
            int j = touched[t];
            if (top.accepts(j, scores[j]) && Arrays.binarySearch(excludedSorted, j) < 0 && allowed.test(j)) {
                top.offer(j, scores[j]);
            }
            scores[j] = 0;
        }
        return top.result();
    }

    /**
     * Up to {@code reasons} of the sources whose link to {@code item} is strongest, strongest first: which of a
     * user's items led to a recommendation.
     */
    public int[] because(int[] sources, int item, int reasons) {
        TopK top = new TopK(reasons);
        for (int i : sources) {
            float w = neighbours.weight(i, item);
            if (w > 0) {
                top.offer(i, w);
            }
        }
        return top.result().stream().mapToInt(ScoredIndex::item).toArray();
    }
}
