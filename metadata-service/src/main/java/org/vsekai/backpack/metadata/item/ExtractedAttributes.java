package org.vsekai.backpack.metadata.item;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.metadata.ItemAttributes;

/**
 * The recommendation attributes of one version of an item's metadata, as {@link AttributeExtractor} found them.
 * Absent single values are null, absent lists empty. Versions stored before descriptions were read have none.
 */
public record ExtractedAttributes(String kind, String name, List<String> keywords, List<String> categories,
                                  String creator, String license, String description) {

    public ExtractedAttributes {
        keywords = List.copyOf(keywords);
        categories = List.copyOf(categories);
    }

    /** The same attributes of another kind (a scene's item is of kind scene whatever its packets say). */
    public ExtractedAttributes withKind(String newKind) {
        return new ExtractedAttributes(newKind, name, keywords, categories, creator, license, description);
    }

    /**
     * The same attributes with the text OCR read in the item's frames added to its keywords (after the version's
     * own, each once): a sign or a poster in a scene says what it is about as a keyword does.
     */
    public ExtractedAttributes withReadTexts(List<String> texts) {
        if (texts.isEmpty()) {
            return this;
        }
        LinkedHashSet<String> merged = new LinkedHashSet<>(keywords);
        merged.addAll(texts);
        return new ExtractedAttributes(kind, name, List.copyOf(merged), categories, creator, license, description);
    }

    /** One row of {@code item_attribute_values}: an attribute column and one of its values. */
    public record IndexRow(String attribute, String value) {
    }

    /** One row per indexed value; the name is not a query key and is left out. */
    public List<IndexRow> indexRows() {
        List<IndexRow> rows = new ArrayList<>();
        add(rows, Attribute.KIND, kind);
        keywords.forEach(keyword -> add(rows, Attribute.KEYWORDS, keyword));
        categories.forEach(category -> add(rows, Attribute.CATEGORIES, category));
        add(rows, Attribute.CREATOR, creator);
        add(rows, Attribute.LICENSE, license);
        return rows;
    }

    private static void add(List<IndexRow> rows, Attribute attribute, String value) {
        if (value != null) {
            rows.add(new IndexRow(attribute.column(), value));
        }
    }

    /**
     * The record for {@code item-attributes}. Its event id is derived from item and version, so publishing one
     * version twice (a retry) gives consumers the same id to skip.
     */
    public ItemAttributes toEvent(String itemId, int version, Instant versionAt, List<String> detectedClasses) {
        return toEvent(eventId("item-attributes:" + itemId + "#" + version), itemId, versionAt, detectedClasses);
    }

    /** The record with an event id of the caller's making, for republishing one version with new detections. */
    public ItemAttributes toEvent(UUID eventId, String itemId, Instant updatedAt, List<String> detectedClasses) {
        return new ItemAttributes(ItemAttributes.CURRENT_VERSION, eventId, itemId, kind, name, keywords, categories,
                creator, license, List.copyOf(detectedClasses), updatedAt, description);
    }

    /** A deterministic event id, so that a retry or a redelivery gives consumers the same id to skip. */
    public static UUID eventId(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
