package org.vsekai.backpack.contracts.recommendation;

import java.util.List;

/**
 * The recommender's answer, as the recommender serves it and the gateway relays it: the REST contract between
 * the two, kept here so both ends compile against one definition.
 *
 * @param model which model and version produced the list, for example {@code popularity@live}
 */
public record Recommendations(String userId, String model, List<ScoredItem> items) {

    public Recommendations {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
