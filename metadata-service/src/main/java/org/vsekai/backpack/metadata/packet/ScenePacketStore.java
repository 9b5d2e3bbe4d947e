package org.vsekai.backpack.metadata.packet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.PacketTarget;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.kit.sql.ProcessedEvents;
import org.vsekai.backpack.kit.sql.TransactionRetry;
import org.vsekai.backpack.metadata.item.ItemMetadataStore;
import org.vsekai.backpack.metadata.item.NotTheOwnerException;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code scene_packets} and {@code processed_events} tables. SQL that PostgreSQL and CockroachDB both run. */
@ApplicationScoped
public class ScenePacketStore {

    private static final TypeReference<List<PacketTarget>> TARGETS = new TypeReference<>() {
    };

    private static final Logger LOG = Logger.getLogger(ScenePacketStore.class);

    private final Pool pool;
    private final ItemMetadataStore items;

    public ScenePacketStore(Pool pool, ItemMetadataStore items) {
        this.pool = pool;
        this.items = items;
    }

    /**
     * Stores the event's packets in place of the scene's earlier ones, unless this event was stored before.
     * The event id and the packets are written in one transaction, so a redelivery after a crash either finds
     * both or neither. In the same transaction the scene's item gets a new version ({@link SceneItems}), owned by
     * the scene's owner, whose {@code item-attributes} record goes to the outbox. A transaction that lost a
     * serialization conflict runs again ({@link TransactionRetry}).
     *
     * @return {@code true} when stored now, {@code false} when the event id had already been processed
     */
    public Uni<Boolean> storeOnce(SceneMetadata metadata, SceneItems.SceneItem item, Instant receivedAt) {
        OffsetDateTime at = receivedAt.atOffset(ZoneOffset.UTC);
        return TransactionRetry.retrying(() -> pool.withTransaction(connection -> ProcessedEvents.once(connection,
                metadata.eventId(), Topics.SCENE_METADATA_NAME, receivedAt, false,
                () -> replacePackets(connection, metadata, at)
                        .chain(() -> storeItem(connection, metadata, item, receivedAt))
                        .replaceWith(true))));
    }

    private Uni<Void> storeItem(SqlConnection connection, SceneMetadata metadata, SceneItems.SceneItem item,
                                Instant at) {
        String itemId = metadata.sceneId().toString();
        return items.storeOn(connection, itemId, metadata.ownerId(), false, item.document(), item.expanded(),
                        item.attributes(), at)
                .replaceWithVoid()
                // Someone else's item under the scene's id (written before the scene was): the packets are still
                // the scene's, the item stays theirs.
                .onFailure(NotTheOwnerException.class).recoverWithItem(failure -> {
                    LOG.warnf("Item %s belongs to another user than scene %s's owner; its metadata is left as it is",
                            itemId, metadata.sceneId());
                    return null;
                });
    }

    private static Uni<Void> replacePackets(SqlConnection connection, SceneMetadata metadata, OffsetDateTime at) {
        Uni<RowSet<Row>> cleared = connection.preparedQuery("DELETE FROM scene_packets WHERE scene_id = $1")
                .execute(Tuple.of(metadata.sceneId()));
        if (metadata.packets().isEmpty()) {
            return cleared.replaceWithVoid();
        }
        List<Tuple> rows = new ArrayList<>();
        for (XmpPacket packet : metadata.packets()) {
            List<PacketTarget> targets = packet.attachedTo() == null ? List.of() : packet.attachedTo();
            // Arrays.asList, not Tuple.of: the owner may be null.
            rows.add(Tuple.tuple(Arrays.asList(metadata.sceneId(), packet.index(), metadata.eventId(),
                    metadata.ownerId(), json(targets), json(packet.document()), at)));
        }
        // JSON is bound as text and cast by the database: a plain String bound to JSONB would become a JSON string.
        return cleared.chain(() -> connection.preparedQuery("INSERT INTO scene_packets "
                        + "(scene_id, packet_index, event_id, owner_id, attached_to, document, received_at) "
                        + "VALUES ($1, $2, $3, $4, $5::TEXT::JSONB, $6::TEXT::JSONB, $7)")
                .executeBatch(rows))
                .replaceWithVoid();
    }

    /** The scene's packets, or {@code null} when none are stored. */
    public Uni<ScenePackets> find(UUID sceneId) {
        return pool.preparedQuery("SELECT packet_index, event_id, owner_id, CAST(attached_to AS TEXT) AS attached_to, "
                        + "CAST(document AS TEXT) AS document, received_at "
                        + "FROM scene_packets WHERE scene_id = $1 ORDER BY packet_index")
                .execute(Tuple.of(sceneId))
                .map(rows -> rows.size() == 0 ? null : toScenePackets(sceneId, rows));
    }

    private static ScenePackets toScenePackets(UUID sceneId, RowSet<Row> rows) {
        List<XmpPacket> packets = new ArrayList<>();
        Row first = null;
        for (Row row : rows) {
            if (first == null) {
                first = row;
            }
            packets.add(new XmpPacket(row.getInteger("packet_index"),
                    read(row.getString("attached_to"), TARGETS),
                    read(row.getString("document"))));
        }
        return new ScenePackets(sceneId, first.getString("owner_id"), first.getUUID("event_id"),
                first.getOffsetDateTime("received_at").toInstant(), packets);
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored packet is not JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored packet targets are not JSON", e);
        }
    }
}
