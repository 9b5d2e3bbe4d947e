package org.vsekai.backpack.recommender.model.algorithm;

import java.util.List;

/** A model that can also rank items by their likeness to one item ("similar items"). */
public interface SimilarItems extends Recommender {

    /** The {@code k} items most like {@code item}, best first, never the item itself. */
    List<ScoredItem> similarItems(int item, int k);
}
