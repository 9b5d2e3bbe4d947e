package org.vsekai.backpack.contracts.recommendation;

import java.util.List;

/**
 * An anonymous session: the items a visitor touched, in order; the answer is a {@link Recommendations} with no
 * user id.
 *
 * @param limit how many items to return; null for the default
 * @param kind  only items of this kind ({@code avatar}, {@code map}, {@code prop}, {@code scene}); null for any
 */
public record SessionRequest(List<String> items, Integer limit, String kind) {

    public SessionRequest {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
