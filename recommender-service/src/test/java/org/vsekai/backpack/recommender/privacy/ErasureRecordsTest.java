package org.vsekai.backpack.recommender.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.recommender.Events;
import org.vsekai.backpack.testkit.TopicProbe;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The records on {@code user-erasures} that are not a plain erasure, on the real broker and database, handled as in
 * every service (kit.privacy.UserErasures): a tombstone is nothing to erase and the records after it are applied;
 * an event naming no user, and one whose erase keeps failing, go to the dead-letter topic with the reason; an event
 * delivered again is applied once.
 */
@QuarkusTest
class ErasureRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = Topics.USER_ERASURES.deadLetterTopic();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool database;

    @Test
    void aTombstoneIsNothingToEraseAndTheErasureAfterItIsApplied() {
        String user = "tomb-" + UUID.randomUUID();
        try (Events events = new Events(bootstrap)) {
            liked(events, user, "tomb-item-" + user);

            events.kafka().send(Topics.USER_ERASURES_NAME, user, (byte[]) null);
            UserErasure erasure = events.erasure(user); // same key, same partition: consumed after the tombstone

            await().atMost(WAIT).until(() -> processed(erasure.eventId()));
            assertThat(Events.rows(database, "interactions", "user_id", user)).isZero();
            assertThat(events.kafka().await(DLQ, r -> user.equals(r.key()), Duration.ofSeconds(3)))
                    .as("a tombstone is not a failure").isEmpty();
        }
    }

    @Test
    void anErasureNamingNoUserGoesToTheDeadLetterTopicWithTheReason() {
        try (Events events = new Events(bootstrap)) {
            for (String userId : new String[] {null, " "}) {
                String key = "userless-" + UUID.randomUUID();
                events.erasure(key, new UserErasure(UserErasure.CURRENT_VERSION, UUID.randomUUID(), userId, "admin",
                        Instant.now()));
                List<ConsumerRecord<String, byte[]>> dead = events.kafka().await(DLQ, r -> key.equals(r.key()), WAIT);
                assertThat(dead).as("user id %s", userId).hasSize(1);
                assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("names no user");
            }
        }
    }

    @Test
    void anErasureDeliveredAgainDeletesNothingTheUserDidSince() {
        String user = "again-" + UUID.randomUUID();
        try (Events events = new Events(bootstrap)) {
            liked(events, user, "again-item-1-" + user);
            UserErasure erasure = events.erasure(user);
            await().atMost(WAIT).until(() -> Events.rows(database, "interactions", "user_id", user) == 0);

            liked(events, user, "again-item-2-" + user);
            events.erasure(user, erasure);
            UserErasure marker = events.erasure("marker-" + user); // erases nobody the test knows
            events.erasure(user, marker); // same key as the repeat, so consumed after it

            await().atMost(WAIT).until(() -> processed(marker.eventId()));
            assertThat(Events.rows(database, "interactions", "user_id", user)).isEqualTo(1);
            assertThat(Events.rows(database, "users", "external_id", user)).isEqualTo(1);
        }
    }

    /**
     * A fault injected in the database: a trigger fails every claim of this one event (not a serialization
     * conflict, so no transaction retry helps). After the consumer's retries the event goes to the dead-letter
     * topic, and the user's rows stay, since nothing of the erase committed. PL/pgSQL is fine here: this is test
     * set-up on PostgreSQL, not a migration.
     */
    @Test
    void anErasureWhoseEraseKeepsFailingGoesToTheDeadLetterTopic() {
        String user = "failing-" + UUID.randomUUID();
        UserErasure erasure = new UserErasure(UserErasure.CURRENT_VERSION, UUID.randomUUID(), user, user,
                Instant.now());
        String function = "refuse_" + erasure.eventId().toString().replace("-", "");
        execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'injected erase failure'; END $$");
        execute("CREATE TRIGGER " + function + " BEFORE INSERT ON processed_events FOR EACH ROW "
                + "WHEN (NEW.event_id = '" + erasure.eventId() + "') EXECUTE FUNCTION " + function + "()");
        try (Events events = new Events(bootstrap)) {
            liked(events, user, "failing-item-" + user);

            events.erasure(user, erasure);

            List<ConsumerRecord<String, byte[]>> dead = events.kafka().await(DLQ, r -> user.equals(r.key()), WAIT);
            assertThat(dead).hasSize(1);
            assertThat(TopicProbe.value(dead.get(0))).contains(erasure.eventId().toString());
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("injected erase failure");
            assertThat(processed(erasure.eventId())).isFalse();
            assertThat(Events.rows(database, "interactions", "user_id", user)).isEqualTo(1);
        } finally {
            execute("DROP TRIGGER IF EXISTS " + function + " ON processed_events");
            execute("DROP FUNCTION IF EXISTS " + function + "()");
        }
    }

    /** The user likes the item (a new one each time), and the like is stored. */
    private void liked(Events events, String user, String item) {
        events.interaction(user, ActivityType.LIKE, item);
        await().atMost(WAIT).until(() -> Events.rows(database, "interactions", "item_id", item) == 1);
    }

    private boolean processed(UUID eventId) {
        return database.preparedQuery("SELECT count(*) FROM processed_events WHERE event_id = $1")
                .execute(Tuple.of(eventId)).await().atMost(WAIT).iterator().next().getLong(0) == 1;
    }

    private void execute(String sql) {
        database.query(sql).execute().await().atMost(WAIT);
    }
}
