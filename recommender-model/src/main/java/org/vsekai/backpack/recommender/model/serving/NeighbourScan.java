package org.vsekai.backpack.recommender.model.serving;

import java.util.Arrays;
import java.util.List;

import org.vsekai.backpack.recommender.model.algorithm.ItemNeighbours;
import org.vsekai.backpack.recommender.model.algorithm.ScoredItem;
import org.vsekai.backpack.recommender.model.algorithm.TopK;

/**
 * Serving over a neighbourhood model's precomputed neighbour CSR (ItemCF, RP3beta). Similar items read the item's
 * row, already sorted best first; a user's items are scored by summing the rows of the user's items into a scratch
 * array kept between calls, so a request allocates only the heap and the result, not two catalogue-sized arrays.
 * The scratch makes an instance single-threaded: keep one per serving thread (the neighbour lists are shared).
 */
public final class NeighbourScan {

    private final ItemNeighbours neighbours;
    private final float[] scores;
    private final int[] touched;

    public NeighbourScan(ItemNeighbours neighbours) {
        this.neighbours = neighbours;
        scores = new float[neighbours.itemCount()];
        touched = new int[neighbours.itemCount()];
    }

    /** The item's {@code k} most similar items, best first, skipping {@code excludedSorted} (ascending). */
    public List<ScoredItem> similarItems(int item, int k, int[] excludedSorted) {
        TopK top = new TopK(k);
        int taken = 0;
        for (int q = neighbours.start(item); q < neighbours.end(item) && taken < k; q++) {
            int j = neighbours.neighbourAt(q);
            if (Arrays.binarySearch(excludedSorted, j) < 0) {
                top.offer(j, neighbours.weightAt(q));
                taken++;
            }
        }
        return top.result();
    }

    /**
     * The best {@code k} items for a user whose items are {@code userItemsSorted} (ascending), never one of
     * {@code excludedSorted} (ascending; usually the same array: backpack and seen items).
     */
    public List<ScoredItem> recommend(int[] userItemsSorted, int[] excludedSorted, int k) {
        int touchedCount = 0;
        for (int i : userItemsSorted) {
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
            if (Arrays.binarySearch(excludedSorted, j) < 0) {
                top.offer(j, scores[j]);
            }
            scores[j] = 0;
        }
        return top.result();
    }
}
