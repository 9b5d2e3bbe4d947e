package org.vsekai.backpack.recommender.model.algorithm;

import java.util.ArrayList;
import java.util.List;

/**
 * The best k of a stream of scored items, kept in a bounded min-heap (O(n log k), no boxing). Equal scores rank the
 * lower item index first, so results are deterministic.
 */
public final class TopK {

    private final int k;
    private final int[] items;
    private final float[] scores;
    private int size;

    public TopK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, was " + k);
        }
        this.k = k;
        items = new int[k];
        scores = new float[k];
    }

    public void offer(int item, float score) {
        if (k == 0 || Float.isNaN(score)) {
            return;
        }
        if (size < k) {
            items[size] = item;
            scores[size] = score;
            siftUp(size++);
        } else if (better(item, score, items[0], scores[0])) {
            items[0] = item;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** Whether the heap holds k items already (then only items better than {@link #worst()} get in). */
    public boolean full() {
        return size == k;
    }

    /** The lowest kept score; meaningful when {@link #full()}. */
    public float worst() {
        return size == 0 ? Float.NEGATIVE_INFINITY : scores[0];
    }

    /** Whether {@link #offer} would keep this item: lets callers skip costlier checks (e.g. exclusion). */
    public boolean accepts(int item, float score) {
        return k > 0 && !Float.isNaN(score) && (size < k || better(item, score, items[0], scores[0]));
    }

    /** The kept items, best first. */
    public List<ScoredIndex> result() {
        List<ScoredIndex> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(new ScoredIndex(items[i], scores[i]));
        }
        result.sort((a, b) -> better(a.item(), a.score(), b.item(), b.score()) ? -1 : a.equals(b) ? 0 : 1);
        return result;
    }

    private static boolean better(int item, float score, int otherItem, float otherScore) {
        return score > otherScore || (score == otherScore && item < otherItem);
    }

    private void siftUp(int index) {
        while (index > 0) {
            int parent = (index - 1) / 2;
            if (!better(items[parent], scores[parent], items[index], scores[index])) {
                return;
            }
            swap(index, parent);
            index = parent;
        }
    }

    private void siftDown(int index) {
        while (true) {
            int worst = index;
            for (int child = 2 * index + 1; child <= 2 * index + 2 && child < size; child++) {
                if (better(items[worst], scores[worst], items[child], scores[child])) {
                    worst = child;
                }
            }
            if (worst == index) {
                return;
            }
            swap(index, worst);
            index = worst;
        }
    }

    private void swap(int a, int b) {
        int item = items[a];
        items[a] = items[b];
        items[b] = item;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
