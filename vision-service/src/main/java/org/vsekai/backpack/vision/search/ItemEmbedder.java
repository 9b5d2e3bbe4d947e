package org.vsekai.backpack.vision.search;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.embedding.ItemEmbedding;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.vision.embed.SentenceEmbedder;

import ai.onnxruntime.OrtException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Embeds each item's text when its attributes change: {@code item-attributes} in, {@code item-embeddings} out, keyed
 * by item id. The incoming record is acknowledged once the outgoing one is (at least once); a record that keeps
 * failing goes to {@code item-attributes.dlq} (of this consumer group). A tombstone goes on as a tombstone. With
 * embeddings off nothing is published and the records are passed by.
 */
@ApplicationScoped
public class ItemEmbedder {

    private static final Logger LOG = Logger.getLogger(ItemEmbedder.class);
    static final String ATTRIBUTES_CHANNEL = "item-attributes";

    private final SentenceEmbedder embedder;

    public ItemEmbedder(SentenceEmbedder embedder) {
        this.embedder = embedder;
    }

    @Incoming(ATTRIBUTES_CHANNEL)
    @Outgoing(Topics.ITEM_EMBEDDINGS_NAME)
    @Blocking // an ONNX run, off the event loop; ordered, so an item's records keep their order
    public Record<String, ItemEmbedding> embed(Record<String, ItemAttributes> record) throws OrtException {
        ItemAttributes item = record.value();
        if (item == null) {
            return record.key() == null ? null : Record.of(record.key(), null);
        }
        if (item.itemId() == null || item.eventId() == null) {
            throw new IllegalArgumentException("item-attributes record " + item.eventId() + " names no item");
        }
        if (!embedder.available()) {
            LOG.debugf("Embeddings are off: item %s is not embedded", item.itemId());
            return null;
        }
        String text = ItemTexts.of(item);
        float[] vector = embedder.embed(List.of(text))[0];
        UUID eventId = UUID.nameUUIDFromBytes(("item-embeddings:" + item.eventId() + "@" + embedder.version())
                .getBytes(StandardCharsets.UTF_8));
        return Record.of(item.itemId(), new ItemEmbedding(ItemEmbedding.CURRENT_VERSION, eventId, item.itemId(),
                item.kind(), SentenceEmbedder.MODEL, embedder.version(), text, vector, item.updatedAt()));
    }
}
