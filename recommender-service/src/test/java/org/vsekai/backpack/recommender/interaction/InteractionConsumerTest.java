package org.vsekai.backpack.recommender.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.testkit.TopicProbe;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class InteractionConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool database;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    InteractionWeights weights;

    private TopicProbe kafka;

    @BeforeEach
    void open() {
        kafka = new TopicProbe(bootstrap);
        spans.reset();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void storesAnInteractionOnceWhateverTheNumberOfDeliveries() {
        InteractionEvent event = event("user-" + UUID.randomUUID(), "item-" + UUID.randomUUID());
        send(event);
        send(event);
        InteractionEvent marker = event(event.userId(), "marker-" + UUID.randomUUID());
        send(marker); // same key, so same partition: once it is stored, both copies before it were processed

        await().atMost(Duration.ofSeconds(30)).until(() -> countByEventId(marker.eventId()) == 1);
        assertThat(countByEventId(event.eventId())).isEqualTo(1);
        assertThat(database.preparedQuery("SELECT user_id, item_id, type FROM interactions WHERE event_id = $1")
                .execute(Tuple.of(event.eventId())).await().indefinitely().iterator().next().toJson().getMap())
                .containsEntry("user_id", event.userId()).containsEntry("item_id", event.itemId())
                .containsEntry("type", "LIKE");
        assertThat(database.preparedQuery("SELECT weight FROM interactions WHERE event_id = $1")
                .execute(Tuple.of(event.eventId())).await().indefinitely().iterator().next().getFloat(0))
                .as("the type's configured weight").isEqualTo(weights.weight(ActivityType.LIKE)).isPositive();
    }

    @Test
    void sendsAnUnreadableRecordToTheDeadLetterTopicAndKeepsGoing() {
        String userId = "user-" + UUID.randomUUID();
        String garbage = "{\"not\": \"an interaction\", \"tag\": \"" + UUID.randomUUID() + "\"}";
        kafka.send("interactions", userId, garbage);
        InteractionEvent after = event(userId, "item-" + UUID.randomUUID());
        send(after);

        var dead = kafka.await("interactions.dlq", r -> userId.equals(r.key()), Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("eventId");
        await().atMost(Duration.ofSeconds(30)).until(() -> countByEventId(after.eventId()) == 1);
    }

    @Test
    void continuesTheTraceThatTheProducerStarted() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentSpanId = "00f067aa0ba902b7";
        InteractionEvent event = event("user-" + UUID.randomUUID(), "item-" + UUID.randomUUID());
        kafka.send("interactions", event.userId(), EventJson.write(event),
                "traceparent", "00-" + traceId + "-" + parentSpanId + "-01");

        await().atMost(Duration.ofSeconds(30)).until(() -> consumerSpan(traceId) != null);
        SpanData consumer = consumerSpan(traceId);
        assertThat(consumer.getParentSpanId()).isEqualTo(parentSpanId);
        assertThat(countByEventId(event.eventId())).isEqualTo(1);
    }

    private SpanData consumerSpan(String traceId) {
        List<SpanData> found = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.CONSUMER && s.getTraceId().equals(traceId)).toList();
        return found.isEmpty() ? null : found.get(0);
    }

    private void send(InteractionEvent event) {
        kafka.send("interactions", event.userId(), EventJson.write(event));
    }

    private long countByEventId(UUID eventId) {
        return database.preparedQuery("SELECT count(*) FROM interactions WHERE event_id = $1")
                .execute(Tuple.of(eventId)).await().indefinitely().iterator().next().getLong(0);
    }

    static InteractionEvent event(String userId, String itemId) {
        Instant now = Instant.now();
        return InteractionEvent.of(UUID.randomUUID(), "urn:uuid:" + UUID.randomUUID(), ActivityType.LIKE, userId,
                itemId, now, now);
    }
}
