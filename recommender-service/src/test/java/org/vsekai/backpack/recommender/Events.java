package org.vsekai.backpack.recommender;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.testkit.TopicProbe;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Publishes the events this service consumes, as the other services would, and counts stored rows. */
public final class Events implements AutoCloseable {

    private final TopicProbe kafka;

    public Events(String bootstrap) {
        kafka = new TopicProbe(bootstrap);
    }

    public void interaction(String user, ActivityType type, String item) {
        Instant now = Instant.now();
        kafka.send("interactions", user, EventJson.write(InteractionEvent.of(UUID.randomUUID(),
                "urn:uuid:" + UUID.randomUUID(), type, user, item, now, now)));
    }

    public void attributes(String item, String kind, Instant updatedAt) {
        kafka.send("item-attributes", item, EventJson.write(new ItemAttributes(ItemAttributes.CURRENT_VERSION,
                UUID.randomUUID(), item, kind, "name of " + item, List.of(), List.of(), "creator of " + item,
                "CC-BY-4.0", List.of(), updatedAt)));
    }

    /** Sends an erasure of the user, asked by the user, and returns it (to send it again, for instance). */
    public UserErasure erasure(String user) {
        UserErasure erasure = new UserErasure(UserErasure.CURRENT_VERSION, UUID.randomUUID(), user, user,
                Instant.now());
        erasure(user, erasure);
        return erasure;
    }

    /** Sends the erasure event as it is, keyed by {@code key} (the gateway keys it by the user id). */
    public void erasure(String key, UserErasure erasure) {
        kafka.send("user-erasures", key, EventJson.write(erasure));
    }

    /** The probe itself, for raw records and reading topics. */
    public TopicProbe kafka() {
        return kafka;
    }

    /** Rows of a table whose column starts with the prefix. */
    public static long rows(Pool database, String table, String column, String prefix) {
        return database.preparedQuery("SELECT count(*) FROM " + table + " WHERE " + column + " LIKE $1")
                .execute(Tuple.of(prefix + "%")).await().indefinitely().iterator().next().getLong(0);
    }

    /**
     * Waits until {@code interactions} interactions with items whose ids start with {@code itemPrefix}, and
     * {@code items} items of {@code kind}, are stored: what a test sent has been consumed.
     */
    public static void awaitStored(Pool database, String itemPrefix, long interactions, String kind, long items) {
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(database, "interactions", "item_id", itemPrefix)
                == interactions && rows(database, "items", "kind", kind) == items);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
