package org.vsekai.backpack.metadata.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.kit.sql.ProcessedEvents;
import org.vsekai.backpack.kit.sql.TransactionRetry;
import org.vsekai.backpack.metadata.item.AttributesPublisher;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes what this service keeps of one user (docs/adr/0007): every version, index row and detected class of the
 * items the user owns, the XMP packets the user's uploads carried and those of scenes that are the user's items.
 * SQL that PostgreSQL and CockroachDB both run.
 */
@ApplicationScoped
public class ErasureStore {

    /** Subquery for the user's items; {@code $1} is the user id. */
    private static final String OWNED = "SELECT item_id FROM item_metadata_heads WHERE owner_id = $1";

    private final Pool pool;
    private final AttributesPublisher attributes;

    public ErasureStore(Pool pool, AttributesPublisher attributes) {
        this.pool = pool;
        this.attributes = attributes;
    }

    /** What one erasure did: the items that are gone (empty when the event had been applied before). */
    public record Erased(boolean applied, List<String> items, int packets) {
    }

    /**
     * Deletes the user's rows, records the event id and puts one tombstone per erased item in the outbox, in one
     * transaction: a redelivered event finds its id and changes nothing, and a crash leaves all of it or none.
     * A transaction that lost a serialization conflict runs again ({@link TransactionRetry}).
     */
    public Uni<Erased> eraseOnce(UUID eventId, String userId, Instant at) {
        return TransactionRetry.retrying(() -> pool.withTransaction(connection -> ProcessedEvents.once(connection,
                eventId, Topics.USER_ERASURES_NAME, at, new Erased(false, List.of(), 0), () -> erase(connection, userId)
                        .call(erased -> attributes.gone(connection, erased.items())))));
    }

    private static Uni<Erased> erase(SqlConnection connection, String userId) {
        Tuple user = Tuple.of(userId);
        // Children first, the heads last: the heads are what says which items are the user's.
        return connection.preparedQuery("DELETE FROM item_metadata_versions WHERE item_id IN (" + OWNED + ")")
                .execute(user)
                .chain(() -> connection.preparedQuery(
                        "DELETE FROM item_attribute_values WHERE item_id IN (" + OWNED + ")").execute(user))
                .chain(() -> connection.preparedQuery(
                        "DELETE FROM item_detected_classes WHERE item_id IN (" + OWNED + ")").execute(user))
                .chain(() -> connection.preparedQuery(
                        "DELETE FROM item_read_texts WHERE item_id IN (" + OWNED + ")").execute(user))
                // Records about these items that the relay has not sent yet would publish the user's data after
                // the erase; the tombstones below replace them.
                .chain(() -> connection.preparedQuery("DELETE FROM outbox_events WHERE topic = $2 "
                        + "AND record_key IN (" + OWNED + ")").execute(Tuple.of(userId, Topics.ITEM_ATTRIBUTES_NAME)))
                // Packets the user's uploads carried, and packets of scenes that are the user's items (a scene's
                // item id is its scene id).
                .chain(() -> connection.preparedQuery("DELETE FROM scene_packets WHERE owner_id = $1 "
                        + "OR CAST(scene_id AS TEXT) IN (" + OWNED + ")").execute(user))
                .chain(packets -> connection.preparedQuery(
                                "DELETE FROM item_metadata_heads WHERE owner_id = $1 RETURNING item_id")
                        .execute(user)
                        .map(heads -> {
                            List<String> items = new ArrayList<>();
                            heads.forEach(row -> items.add(row.getString("item_id")));
                            items.sort(null);
                            return new Erased(true, items, packets.rowCount());
                        }));
    }
}
