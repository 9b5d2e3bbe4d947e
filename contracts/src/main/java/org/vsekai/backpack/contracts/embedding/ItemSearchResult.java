package org.vsekai.backpack.contracts.embedding;

import java.util.List;

/**
 * What {@code GET /items/search?q=} answers: the items whose text is nearest the query's, best first.
 *
 * @param method {@code exact} (every vector compared) below the search's size threshold, {@code hnsw} (Lucene's
 *               approximate graph) above it
 * @param items  each with its cosine similarity to the query, in [-1, 1]
 */
public record ItemSearchResult(String query, String model, String modelVersion, String method, int indexed,
                               List<Hit> items) {

    public ItemSearchResult {
        items = List.copyOf(items);
    }

    /** One item found. */
    public record Hit(String itemId, String kind, double score) {
    }
}
