package org.vsekai.backpack.metadata.vision;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.kit.sql.ProcessedEvents;
import org.vsekai.backpack.kit.sql.TransactionRetry;
import org.vsekai.backpack.metadata.item.AttributesPublisher;
import org.vsekai.backpack.metadata.item.ExtractedAttributes;
import org.vsekai.backpack.metadata.item.ItemMetadataStore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code item_detected_classes} and {@code item_read_texts} tables. SQL that PostgreSQL and CockroachDB both run. */
@ApplicationScoped
public class DetectionStore {

    private final Pool pool;
    private final AttributesPublisher attributes;

    public DetectionStore(Pool pool, AttributesPublisher attributes) {
        this.pool = pool;
        this.attributes = attributes;
    }

    /**
     * What folding one detections event did: whether it was applied now (false for a redelivery), and the
     * item-attributes record put in the outbox when the item's classes grew and the item has metadata (else null).
     */
    public record Folded(boolean applied, ItemAttributes republish) {
    }

    /**
     * Adds the labels to the item's detected classes and the read texts to its read texts and records the event id,
     * in one transaction; when a label or a text is new and the item has a current version, puts that version's
     * record with the grown class list and keywords in the outbox.
     * A transaction that lost a serialization conflict (with a PUT of the item) runs again ({@link TransactionRetry}).
     */
    public Uni<Folded> foldOnce(UUID eventId, String itemId, Collection<String> labels, Collection<String> texts,
                                Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        return TransactionRetry.retrying(() -> pool.withTransaction(connection -> ProcessedEvents.once(connection,
                        eventId, Topics.DETECTIONS_NAME, at, new Folded(false, null), () -> lockHead(connection, itemId)
                                .chain(() -> add(connection, "item_detected_classes (item_id, label, detected_at)",
                                        itemId, labels, when))
                                .chain(labelsAdded -> add(connection, "item_read_texts (item_id, text, read_at)",
                                        itemId, texts, when).map(textsAdded -> labelsAdded + textsAdded))
                                .chain(added -> added == 0
                                        ? Uni.createFrom().item(new Folded(true, null))
                                        : republish(connection, eventId, itemId, at)))
                .call(folded -> folded.republish() == null
                        ? Uni.createFrom().voidItem()
                        : attributes.publish(connection, folded.republish()))));
    }

    /**
     * Orders this fold with a concurrent PUT of the item: both hold the head row, so whichever commits second reads
     * the other's version and classes (on PostgreSQL's read committed; CockroachDB serializes them anyway).
     */
    private static Uni<Void> lockHead(SqlConnection connection, String itemId) {
        return connection.preparedQuery("SELECT version FROM item_metadata_heads WHERE item_id = $1 FOR UPDATE")
                .execute(Tuple.of(itemId)).replaceWithVoid();
    }

    /** Inserts (item, value, at) rows into one of the two tables (a constant of this class); how many were new. */
    private static Uni<Integer> add(SqlConnection connection, String tableAndColumns, String itemId,
                                    Collection<String> values, OffsetDateTime at) {
        if (values.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = new ArrayList<>();
        values.forEach(value -> rows.add(Tuple.of(itemId, value, at)));
        // executeBatch gives one row set per tuple; each says whether its value was new.
        return connection.preparedQuery("INSERT INTO " + tableAndColumns + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .executeBatch(rows)
                .map(result -> {
                    int added = 0;
                    for (var set = result; set != null; set = set.next()) {
                        added += set.rowCount();
                    }
                    return added;
                });
    }

    private static Uni<Folded> republish(SqlConnection connection, UUID detectionsEventId, String itemId,
                                         Instant at) {
        return connection.preparedQuery("SELECT v.version, CAST(v.attributes AS TEXT) AS attributes "
                        + "FROM item_metadata_heads h JOIN item_metadata_versions v "
                        + "ON v.item_id = h.item_id AND v.version = h.version WHERE h.item_id = $1")
                .execute(Tuple.of(itemId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        // No metadata yet: the classes wait in the table and go out with the item's first PUT.
                        return Uni.createFrom().item(new Folded(true, null));
                    }
                    Row head = rows.iterator().next();
                    ExtractedAttributes attributes = ItemMetadataStore.readAttributes(head.getString("attributes"));
                    UUID eventId = ExtractedAttributes.eventId("item-attributes:" + itemId + "#"
                            + head.getInteger("version") + "+detections:" + detectionsEventId);
                    return ItemMetadataStore.detectedClasses(connection, itemId).chain(detected ->
                            ItemMetadataStore.readTexts(connection, itemId).map(texts -> new Folded(true,
                                    attributes.withReadTexts(texts).toEvent(eventId, itemId, at, detected))));
                });
    }
}
