package org.vsekai.backpack.contracts.embedding;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

/**
 * The sentence embedding of one item's text, as the vision-service computed it from the item's {@code item-attributes}
 * record. The topic is compacted and keyed by item id: the latest record per item wins; a tombstone means the item is
 * gone. The event id derives from the attributes record's event id, so a redelivered record gives the same id.
 *
 * @param text      what was embedded: name, description, keywords (with the OCR text folded into them), categories
 *                  and detected classes, joined
 * @param vector    a unit vector of {@code model}'s dimensions; cosine similarity of two is their dot product
 * @param updatedAt the attributes record's {@code updatedAt}, for consumers that compare records of one item
 */
public record ItemEmbedding(int version, UUID eventId, String itemId, String kind, String model, String modelVersion,
                            String text, float[] vector, Instant updatedAt) implements Event {

    public static final int CURRENT_VERSION = 1;

    // A record compares arrays by identity; two records of the same embedding are equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof ItemEmbedding that && version == that.version && Objects.equals(eventId, that.eventId)
                && Objects.equals(itemId, that.itemId) && Objects.equals(kind, that.kind)
                && Objects.equals(model, that.model) && Objects.equals(modelVersion, that.modelVersion)
                && Objects.equals(text, that.text) && Arrays.equals(vector, that.vector)
                && Objects.equals(updatedAt, that.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, eventId, itemId, kind, model, modelVersion, text, Arrays.hashCode(vector),
                updatedAt);
    }

    @Override
    public String toString() {
        return "ItemEmbedding[" + itemId + ", " + model + "@" + modelVersion + ", " + (vector == null ? 0
                : vector.length) + " dimensions, " + text + "]";
    }
}
