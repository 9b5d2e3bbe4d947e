package org.vsekai.backpack.contracts.recommendation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One recommended item.
 *
 * @param score   higher is better; comparable only within one response
 * @param because the user's items that led to it, where the model can say
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScoredItem(String itemId, double score, List<String> because) {

    public ScoredItem {
        because = because == null ? List.of() : List.copyOf(because);
    }
}
