package org.vsekai.backpack.contracts.recommendation;

import java.util.List;

/**
 * Items similar to one item (item-item), as the recommender serves it and the gateway relays it.
 *
 * @param model which model and version produced the list, for example {@code rp3beta@2026-11-26T15:00:00Z}
 */
public record SimilarItems(String itemId, String model, List<ScoredItem> items) {

    public SimilarItems {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
