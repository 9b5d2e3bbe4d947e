package org.vsekai.backpack.vision.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The item search ({@code GET /items/search}) and its index. */
@ConfigMapping(prefix = "backpack.vision.search")
public interface SearchConfig {

    /**
     * Below this many items every vector is compared (exact, and at 10,000 × 384 a few milliseconds); from it on,
     * Lucene's HNSW graph answers, approximately, in time that grows with the logarithm of the items.
     */
    @WithDefault("10000")
    int exactBelow();

    /** Longest query, in characters: the model reads at most 256 tokens anyway. */
    @WithDefault("1000")
    int maxQueryLength();

    /** Candidates HNSW collects per query (at least the limit): more is slower and nearer exact. */
    @WithDefault("100")
    int hnswCandidates();
}
