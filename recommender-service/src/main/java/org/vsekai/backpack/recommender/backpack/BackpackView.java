package org.vsekai.backpack.recommender.backpack;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user's current backpack, oldest entry first. (Served to the gateway; a candidate for contracts once the
 * gateway relays it.)
 */
public record BackpackView(String userId, List<Entry> items) {

    /** @param kind the item's kind when its attributes have arrived */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String itemId, String kind, Instant addedAt) {
    }

    public BackpackView {
        items = List.copyOf(items);
    }
}
