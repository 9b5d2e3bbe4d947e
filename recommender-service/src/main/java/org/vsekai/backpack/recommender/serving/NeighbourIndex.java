package org.vsekai.backpack.recommender.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntPredicate;

import org.vsekai.backpack.recommender.model.algorithm.ItemNeighbours;
import org.vsekai.backpack.recommender.model.algorithm.ScoredItem;
import org.vsekai.backpack.recommender.model.algorithm.TopK;

/**
 * Each item's top neighbours with their weights in one CSR structure (three flat arrays), as recommender-model's
 * {@code ItemNeighbours}, which can only be made by fitting; this one can also be read from a model file. Serving
 * mirrors {@code serving.NeighbourScan}: scores add up in catalogue-sized scratch arrays, reused between requests
 * from a small pool (as many as requests ever ran at once) that goes away with the snapshot, where thread-locals
 * would keep old snapshots' arrays alive in every worker thread. Immutable and thread-safe.
 */
public final class NeighbourIndex {

    /** A recommended item and the source items that contributed most to it, strongest first. */
    public record Explained(int item, float score, int[] because) {
    }

    private final int[] start;
    private final int[] items;
    private final float[] weights;
    private final Queue<Scratch> scratch = new ConcurrentLinkedQueue<>();

    public NeighbourIndex(int[] start, int[] items, float[] weights) {
        if (start.length == 0 || start[start.length - 1] != items.length || items.length != weights.length) {
            throw new IllegalArgumentException("inconsistent neighbour arrays");
        }
        this.start = start;
        this.items = items;
        this.weights = weights;
    }

    /** Copies a fitted model's neighbour lists. */
    public static NeighbourIndex of(ItemNeighbours fitted) {
        int n = fitted.itemCount();
        int[] start = new int[n + 1];
        int[] items = new int[fitted.links()];
        float[] weights = new float[fitted.links()];
        for (int i = 0; i < n; i++) {
            start[i + 1] = fitted.end(i);
            for (int q = fitted.start(i); q < fitted.end(i); q++) {
                items[q] = fitted.neighbourAt(q);
                weights[q] = fitted.weightAt(q);
            }
        }
        return new NeighbourIndex(start, items, weights);
    }

    private static final class Scratch {
        final float[] scores;
        final int[] touched;

        Scratch(int n) {
            scores = new float[n];
            touched = new int[n];
        }
    }

    public int itemCount() {
        return start.length - 1;
    }

    int[] start() {
        return start;
    }

    int[] items() {
        return items;
    }

    float[] weights() {
        return weights;
    }

    /** The item's {@code k} most similar items, best first, that {@code allowed} accepts. */
    public List<ScoredItem> similarItems(int item, int k, IntPredicate allowed) {
        List<ScoredItem> result = new ArrayList<>(Math.min(k, start[item + 1] - start[item]));
        for (int q = start[item]; q < start[item + 1] && result.size() < k; q++) {
            if (allowed.test(items[q])) {
                result.add(new ScoredItem(items[q], weights[q]));
            }
        }
        return result;
    }

    /**
     * The best {@code k} items for a set of source items (a user's or a session's), each scored by the sum of its
     * weights from the sources, never one of {@code excludedSorted} (ascending) nor one {@code allowed} refuses;
     * each with up to {@code reasons} sources that contributed most.
     */
    public List<Explained> recommend(int[] sources, int[] excludedSorted, IntPredicate allowed, int k, int reasons) {
        Scratch s = scratch.poll();
        if (s == null) {
            s = new Scratch(itemCount());
        }
        List<Explained> result = recommend(s, sources, excludedSorted, allowed, k, reasons);
        scratch.offer(s); // back only when done: every touched score was reset to zero (a failure drops it)
        return result;
    }

    private List<Explained> recommend(Scratch s, int[] sources, int[] excludedSorted, IntPredicate allowed, int k,
            int reasons) {
        float[] scores = s.scores;
        int[] touched = s.touched;
        int touchedCount = 0;
        for (int i : sources) {
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
            if (top.accepts(j, scores[j]) && Arrays.binarySearch(excludedSorted, j) < 0 && allowed.test(j)) {
                top.offer(j, scores[j]);
            }
            scores[j] = 0;
        }
        List<Explained> result = new ArrayList<>();
        for (ScoredItem best : top.result()) {
            result.add(new Explained(best.item(), best.score(), because(sources, best.item(), reasons)));
        }
        return result;
    }

    /** Up to {@code reasons} of the sources whose link to {@code item} is strongest, strongest first. */
    public int[] because(int[] sources, int item, int reasons) {
        TopK top = new TopK(reasons);
        for (int i : sources) {
            float w = weight(i, item);
            if (w > 0) {
                top.offer(i, w);
            }
        }
        return top.result().stream().mapToInt(ScoredItem::item).toArray();
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
}
