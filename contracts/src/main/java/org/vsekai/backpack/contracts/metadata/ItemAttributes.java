package org.vsekai.backpack.contracts.metadata;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

/**
 * The recommendation attributes of one item, as the metadata service extracted them. The topic is compacted
 * and keyed by item id: the latest record per item wins. A tombstone (the item id as key, no value) means the item
 * is gone (its owner was erased); consumers drop it. Records of one item can arrive out of order across service
 * instances, so consumers compare {@code updatedAt}.
 *
 * @param kind            {@code avatar}, {@code map}, {@code prop} or {@code scene}
 * @param detectedClasses object classes the vision service found in the item's frames
 * @param description     the item's description (schema:description, dc:description); null when it has none and
 *                        from producers older than this field
 */
public record ItemAttributes(int version, UUID eventId, String itemId, String kind, String name,
                             List<String> keywords, List<String> categories, String creator, String license,
                             List<String> detectedClasses, Instant updatedAt, String description) implements Event {

    public static final int CURRENT_VERSION = 1;

    /** The attributes without a description, as the record had them before it carried one. */
    public ItemAttributes(int version, UUID eventId, String itemId, String kind, String name, List<String> keywords,
                          List<String> categories, String creator, String license, List<String> detectedClasses,
                          Instant updatedAt) {
        this(version, eventId, itemId, kind, name, keywords, categories, creator, license, detectedClasses,
                updatedAt, null);
    }
}
