package org.vsekai.backpack.contracts.embedding;

import java.util.List;

/** The body of {@code POST /embeddings}: the texts to embed, in order. */
public record EmbeddingRequest(List<String> texts) {
}
