package org.vsekai.backpack.metadata.item;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.kit.sql.TransactionRetry;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code item_metadata_versions}, {@code item_metadata_heads} and {@code item_attribute_values} tables. SQL that
 * PostgreSQL and CockroachDB both run; JSON is bound as text and cast, since a String bound to JSONB would be
 * stored as a JSON string.
 */
@ApplicationScoped
public class ItemMetadataStore {

    private final Pool pool;
    private final AttributesPublisher attributes;

    public ItemMetadataStore(Pool pool, AttributesPublisher attributes) {
        this.pool = pool;
        this.attributes = attributes;
    }

    /** One stored version, as read back. Documents are JSON text; the owner is null only for pre-owner items. */
    public record StoredVersion(String itemId, int version, Instant versionAt, String ownerId, String document,
                                String expanded, ExtractedAttributes attributes, List<String> detectedClasses) {
    }

    /** The item's owner; empty when the item has no metadata, or was stored before items had owners. */
    public Uni<Optional<String>> owner(String itemId) {
        return pool.preparedQuery("SELECT owner_id FROM item_metadata_heads WHERE item_id = $1")
                .execute(Tuple.of(itemId))
                .map(rows -> rows.size() == 0
                        ? Optional.<String>empty()
                        : Optional.ofNullable(rows.iterator().next().getString("owner_id")));
    }

    /**
     * Stores a new version and makes it current, all in one transaction: the head upsert hands out the next version
     * number under the head row's lock, then the version row is added, the attribute index rewritten and the
     * version's {@code item-attributes} record put in the outbox.
     *
     * <p>The upsert also settles ownership under that lock: a new item (or one without an owner) gets
     * {@code writer} as its owner; an owned item takes a new version only from its owner, or from an admin
     * ({@code admin}), and otherwise the upsert changes no row and this fails with {@link NotTheOwnerException}.
     * A transaction that lost a serialization conflict to a concurrent write of the item runs again
     * ({@link TransactionRetry}).
     */
    public Uni<StoredVersion> store(String itemId, String writer, boolean admin, String document, String expanded,
                                    ExtractedAttributes extracted, Instant versionAt) {
        return TransactionRetry.retrying(() -> pool.withTransaction(connection -> storeOn(connection, itemId, writer,
                admin, document, expanded, extracted, versionAt)));
    }

    /**
     * {@link #store} on the caller's transaction, for a version written together with other rows (a scene's item
     * with its packets). Fails with {@link NotTheOwnerException} when the writer may not write the item; the
     * transaction has then changed no row of the item and may go on.
     */
    public Uni<StoredVersion> storeOn(SqlConnection connection, String itemId, String writer, boolean admin,
                                      String document, String expanded, ExtractedAttributes extracted,
                                      Instant versionAt) {
        OffsetDateTime at = versionAt.atOffset(ZoneOffset.UTC);
        return connection
                .preparedQuery("INSERT INTO item_metadata_heads (item_id, version, version_at, owner_id) "
                        + "VALUES ($1, 1, $2, $3) "
                        + "ON CONFLICT (item_id) DO UPDATE SET version = item_metadata_heads.version + 1, "
                        + "version_at = excluded.version_at, "
                        + "owner_id = COALESCE(item_metadata_heads.owner_id, excluded.owner_id) "
                        + "WHERE item_metadata_heads.owner_id IS NULL OR item_metadata_heads.owner_id = $3 OR $4 "
                        + "RETURNING version, owner_id")
                .execute(Tuple.of(itemId, at, writer, admin))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotTheOwnerException(itemId);
                    }
                    Row head = rows.iterator().next();
                    return new Head(head.getInteger("version"), head.getString("owner_id"));
                })
                .call(head -> connection.preparedQuery("INSERT INTO item_metadata_versions "
                                + "(item_id, version, version_at, document, expanded, attributes) "
                                + "VALUES ($1, $2, $3, $4::TEXT::JSONB, $5::TEXT::JSONB, $6::TEXT::JSONB)")
                        .execute(Tuple.from(List.of(itemId, head.version(), at, document, expanded,
                                json(extracted)))))
                .call(head -> rewriteIndex(connection, itemId, extracted))
                .chain(head -> detectedClasses(connection, itemId).chain(detected -> readTexts(connection, itemId)
                        .map(texts -> new StoredVersion(itemId, head.version(), versionAt, head.ownerId(), document,
                                expanded, extracted.withReadTexts(texts), detected))))
                .call(stored -> attributes.publish(connection, stored.attributes().toEvent(itemId, stored.version(),
                        versionAt, stored.detectedClasses())));
    }

    /** The object classes detected in the item so far, in label order (table {@code item_detected_classes}). */
    public static Uni<List<String>> detectedClasses(SqlConnection connection, String itemId) {
        return connection.preparedQuery("SELECT label FROM item_detected_classes WHERE item_id = $1 ORDER BY label")
                .execute(Tuple.of(itemId))
                .map(rows -> {
                    List<String> labels = new ArrayList<>();
                    rows.forEach(row -> labels.add(row.getString("label")));
                    return labels;
                });
    }

    /**
     * The text OCR read in the item's frames so far, in text order (table {@code item_read_texts}), for
     * {@link ExtractedAttributes#withReadTexts}.
     */
    public static Uni<List<String>> readTexts(SqlConnection connection, String itemId) {
        return connection.preparedQuery("SELECT text FROM item_read_texts WHERE item_id = $1 ORDER BY text")
                .execute(Tuple.of(itemId))
                .map(rows -> {
                    List<String> texts = new ArrayList<>();
                    rows.forEach(row -> texts.add(row.getString("text")));
                    return texts;
                });
    }

    private record Head(int version, String ownerId) {
    }

    private static Uni<Void> rewriteIndex(SqlConnection connection, String itemId, ExtractedAttributes attributes) {
        Uni<?> cleared = connection.preparedQuery("DELETE FROM item_attribute_values WHERE item_id = $1")
                .execute(Tuple.of(itemId));
        List<Tuple> rows = new ArrayList<>();
        for (ExtractedAttributes.IndexRow row : attributes.indexRows()) {
            rows.add(Tuple.of(itemId, row.attribute(), row.value()));
        }
        if (rows.isEmpty()) {
            return cleared.replaceWithVoid();
        }
        return cleared.chain(() -> connection.preparedQuery("INSERT INTO item_attribute_values (item_id, attribute, "
                + "value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING").executeBatch(rows)).replaceWithVoid();
    }

    /** The current version of an item, or {@code null} when none was ever stored. */
    public Uni<StoredVersion> current(String itemId) {
        return pool.preparedQuery("SELECT v.version, v.version_at, h.owner_id, CAST(v.document AS TEXT) AS document, "
                        + "CAST(v.expanded AS TEXT) AS expanded, CAST(v.attributes AS TEXT) AS attributes "
                        + "FROM item_metadata_heads h JOIN item_metadata_versions v "
                        + "ON v.item_id = h.item_id AND v.version = h.version WHERE h.item_id = $1")
                .execute(Tuple.of(itemId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new StoredVersion(itemId, row.getInteger("version"),
                            row.getOffsetDateTime("version_at").toInstant(), row.getString("owner_id"),
                            row.getString("document"),
                            row.getString("expanded"), readAttributes(row.getString("attributes")), List.of());
                });
    }

    /** The current version with the classes detected so far, or {@code null} when none was ever stored. */
    public Uni<StoredVersion> currentWithClasses(String itemId) {
        return current(itemId).chain(stored -> stored == null ? Uni.createFrom().<StoredVersion>nullItem()
                : pool.withConnection(connection -> detectedClasses(connection, itemId).chain(detected ->
                        readTexts(connection, itemId).map(texts -> new StoredVersion(stored.itemId(),
                                stored.version(), stored.versionAt(), stored.ownerId(), stored.document(),
                                stored.expanded(), stored.attributes().withReadTexts(texts), detected)))));
    }

    /**
     * Items whose current version has every given (attribute column, value) pair, in item id order. Columns come
     * from {@link Attribute#column()}, never from the client, so they can be written into the SQL; values are bound.
     */
    public Uni<List<String>> find(Map<Attribute, String> filters, int limit) {
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("at least one filter");
        }
        StringBuilder sql = new StringBuilder("SELECT a0.item_id FROM item_attribute_values a0");
        List<Object> parameters = new ArrayList<>();
        int i = 0;
        StringBuilder where = new StringBuilder();
        for (Map.Entry<Attribute, String> filter : filters.entrySet()) {
            String alias = "a" + i;
            parameters.add(filter.getKey().column());
            parameters.add(filter.getKey().normalise(filter.getValue()));
            String condition = alias + ".attribute = $" + (2 * i + 1) + " AND " + alias + ".value = $" + (2 * i + 2);
            if (i == 0) {
                where.append(" WHERE ").append(condition);
            } else {
                sql.append(" JOIN item_attribute_values ").append(alias).append(" ON ").append(alias)
                        .append(".item_id = a0.item_id AND ").append(condition);
            }
            i++;
        }
        parameters.add(limit);
        sql.append(where).append(" ORDER BY a0.item_id LIMIT $").append(parameters.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(parameters))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("item_id")));
                    return ids;
                });
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ExtractedAttributes readAttributes(String json) {
        try {
            return EventJson.mapper().readValue(json, ExtractedAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored attributes are not JSON", e);
        }
    }
}
