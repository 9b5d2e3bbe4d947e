package org.vsekai.backpack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.privacy.UserErasure;

/**
 * What the {@code user-erasures} flow test of every service does around its own checks (docs/adr/0007): sends
 * erasures, redelivers one and waits until the consumer is past it, and checks that unreadable and userless events
 * go to the dead-letter topic.
 */
public final class UserErasureProbe {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final TopicProbe topics;
    private final SqlProbe database;

    public UserErasureProbe(TopicProbe topics, SqlProbe database) {
        this.topics = topics;
        this.database = database;
    }

    /** A new erasure of {@code user}, asked for by an admin now. */
    public static UserErasure erasure(String user) {
        return new UserErasure(UserErasure.CURRENT_VERSION, UUID.randomUUID(), user, "admin-1", Instant.now());
    }

    /** Sends a new erasure of {@code user} and returns it. */
    public UserErasure erase(String user) {
        UserErasure erasure = erasure(user);
        send(erasure);
        return erasure;
    }

    /** Sends {@code erasure}, keyed by its user as the gateway keys it. */
    public void send(UserErasure erasure) {
        topics.send(Topics.USER_ERASURES_NAME, erasure.userId(), EventJson.write(erasure));
    }

    /**
     * Sends {@code erasure} once more, then a new one under the same key (so on the same partition, after it), and
     * returns once the service has recorded the second in {@code processed_events}: the repeat was consumed by then.
     */
    public void redeliver(UserErasure erasure) {
        send(erasure);
        UserErasure marker = erasure("marker-" + UUID.randomUUID());
        topics.send(Topics.USER_ERASURES_NAME, erasure.userId(), EventJson.write(marker));
        awaitProcessed(marker);
    }

    /** Waits until the service has recorded {@code erasure}'s event id in {@code processed_events}. */
    public void awaitProcessed(UserErasure erasure) {
        Awaitility.await().atMost(WAIT).pollInterval(POLL).until(() -> database.count(
                "SELECT count(*) FROM processed_events WHERE event_id = $1", erasure.eventId()) == 1);
    }

    /** An unreadable record, and events naming no user (none, or a blank one), all reach the dead-letter topic. */
    public void assertUnreadableAndUserlessErasuresGoToTheDeadLetterTopic() {
        String unreadable = "bad-" + UUID.randomUUID();
        topics.send(Topics.USER_ERASURES_NAME, unreadable, "{not json");
        String noUser = "userless-" + UUID.randomUUID();
        topics.send(Topics.USER_ERASURES_NAME, noUser, EventJson.write(userless(null)));
        String blankUser = "blank-" + UUID.randomUUID();
        topics.send(Topics.USER_ERASURES_NAME, blankUser, EventJson.write(userless(" ")));

        String dlq = Topics.USER_ERASURES.deadLetterTopic();
        List<ConsumerRecord<String, byte[]>> dead = topics.await(dlq, r -> unreadable.equals(r.key()), WAIT);
        assertThat(dead).hasSize(1);
        assertThat(TopicProbe.value(dead.get(0))).isEqualTo("{not json");
        for (String key : List.of(noUser, blankUser)) {
            List<ConsumerRecord<String, byte[]>> userless = topics.await(dlq, r -> key.equals(r.key()), WAIT);
            assertThat(userless).as(key).hasSize(1);
            assertThat(TopicProbe.header(userless.get(0), "dead-letter-reason")).contains("names no user");
        }
    }

    private static UserErasure userless(String user) {
        return new UserErasure(UserErasure.CURRENT_VERSION, UUID.randomUUID(), user, "admin-1", Instant.now());
    }
}
