package org.vsekai.backpack.vision.search;

import java.io.IOException;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.vsekai.backpack.contracts.embedding.ItemEmbedding;
import org.vsekai.backpack.contracts.embedding.ItemSearchResult;
import org.vsekai.backpack.vision.embed.SentenceEmbedder;

import ai.onnxruntime.OrtException;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * The item search: an index of every item's embedding, fed from the whole compacted {@code item-embeddings} topic
 * (a consumer group of this instance alone, read from the start, so every instance holds every item), and queries
 * embedded by the same model.
 */
@ApplicationScoped
public class ItemSearch {

    static final String INDEX_CHANNEL = "item-embeddings-index";

    private final SentenceEmbedder embedder;
    private final ItemSearchIndex index;

    public ItemSearch(SentenceEmbedder embedder, SearchConfig config) {
        this.embedder = embedder;
        this.index = new ItemSearchIndex(config.exactBelow(), config.hnswCandidates());
    }

    @Incoming(INDEX_CHANNEL)
    public void index(Record<String, ItemEmbedding> record) {
        ItemEmbedding embedding = record.value();
        if (embedding == null) {
            if (record.key() != null) {
                index.remove(record.key());
            }
            return;
        }
        if (embedding.itemId() == null || embedding.vector() == null
                || embedding.vector().length != SentenceEmbedder.DIMENSIONS) {
            throw new IllegalArgumentException("item-embeddings record " + embedding.eventId()
                    + " has no item or a vector of another size");
        }
        index.put(embedding.itemId(), embedding.kind(), embedding.vector(), embedding.updatedAt());
    }

    public boolean available() {
        return embedder.available();
    }

    /** The items nearest the query's text; the embedder must be {@link #available()}. */
    public ItemSearchResult search(String query, String kind, int limit) throws OrtException {
        float[] vector = embedder.embed(List.of(query))[0];
        ItemSearchIndex.Found found = index.search(vector, kind, limit);
        return new ItemSearchResult(query, SentenceEmbedder.MODEL, embedder.version(),
                found.method().name().toLowerCase(java.util.Locale.ROOT), index.size(), found.hits());
    }

    @PreDestroy
    void close() throws IOException {
        index.close();
    }
}
