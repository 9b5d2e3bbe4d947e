package org.vsekai.backpack.contracts.kafka;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.embedding.ItemEmbedding;

/** Reads {@link ItemEmbedding} records of {@code item-embeddings}. */
public class ItemEmbeddingDeserializer extends EventDeserializer<ItemEmbedding> {

    public ItemEmbeddingDeserializer() {
        super(Topics.ITEM_EMBEDDINGS);
    }
}
