package org.vsekai.backpack.metadata.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.testkit.UnreachableBroker;
import org.vsekai.backpack.kit.outbox.OutboxRelay;
import org.vsekai.backpack.kit.outbox.OutboxSender;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox on the real database and broker: the record is committed with the data whether or not it can be sent,
 * and the relay removes a row only after the broker acknowledged it.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_metadata"))
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BACKPACK = "https://backpack.v-sekai.org/contexts/backpack.jsonld";

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxSender kafka;

    @Inject
    Pool pool;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @BeforeEach
    void pauseTheRelay() {
        // Stands for a broker that cannot be reached: nothing is sent while paused, as after a crash right after
        // the commit.
        relay.pause();
    }

    @AfterEach
    void resumeTheRelay() {
        relay.resume();
    }

    @Test
    void aRecordCommittedWhileNothingCanBeSentIsDeliveredWhenTheRelayRuns() {
        String item = UUID.randomUUID().toString();
        put(item, "Kept for later");

        assertThat(pendingFor(item)).as("committed with the version").hasSize(1);
        assertThat(probe.await(Topics.ITEM_ATTRIBUTES_NAME, r -> item.equals(r.key()), Duration.ofSeconds(2)))
                .as("not sent while the relay cannot send").isEmpty();

        relay.resume();

        List<ConsumerRecord<String, byte[]>> records = probe.await(Topics.ITEM_ATTRIBUTES_NAME,
                r -> item.equals(r.key()), WAIT);
        assertThat(records).hasSize(1);
        ItemAttributes event = EventJson.read(records.get(0).value(), Topics.ITEM_ATTRIBUTES);
        assertThat(event.itemId()).isEqualTo(item);
        assertThat(event.name()).isEqualTo("Kept for later");
        Awaitility.await().atMost(WAIT).until(() -> pendingFor(item).isEmpty());
    }

    @Test
    void aFailedSendKeepsTheRowsAndTheirOrderForTheNextRun() {
        String item = UUID.randomUUID().toString();
        put(item, "v1");
        put(item, "v2");
        assertThat(pendingFor(item)).hasSize(2);

        // The first send is acknowledged, the second fails: the first row goes, the second stays, unclaimed.
        AtomicInteger sends = new AtomicInteger();
        OutboxSender flaky = row -> sends.incrementAndGet() == 1
                ? kafka.send(row)
                : Uni.createFrom().failure(new IllegalStateException("broker unreachable"));
        assertThatThrownBy(() -> relay.relayOnce(flaky).await().atMost(WAIT)).hasMessageContaining("unreachable");

        List<Row> left = pendingFor(item);
        assertThat(left).as("only the acknowledged row is gone").hasSize(1);
        assertThat(left.get(0).getOffsetDateTime("claimed_until")).as("released for the next run").isNull();
        assertThat(left.get(0).getString("payload")).contains("\"v2\"");

        Awaitility.await().atMost(WAIT).until(() -> {
            relay.relayOnce(kafka).await().atMost(WAIT);
            return pendingFor(item).isEmpty();
        });
        List<ConsumerRecord<String, byte[]>> records = Awaitility.await().atMost(WAIT).until(
                () -> probe.await(Topics.ITEM_ATTRIBUTES_NAME, r -> item.equals(r.key()), WAIT),
                found -> found.size() >= 2);
        assertThat(records).extracting(r -> EventJson.read(r.value(), Topics.ITEM_ATTRIBUTES).name())
                .as("each version once, in write order").containsExactly("v1", "v2");
    }

    @Test
    void aSendToAnUnreachableBrokerFailsTheRunAndKeepsTheRow() {
        String item = UUID.randomUUID().toString();
        put(item, "Waiting");

        try (UnreachableBroker nowhere = new UnreachableBroker()) {
            OutboxSender toNowhere = row -> Uni.createFrom()
                    .completionStage(() -> nowhere.send(row.topic(), row.key(), row.payload()));
            assertThatThrownBy(() -> relay.relayOnce(toNowhere).await().atMost(WAIT)).isNotNull();
        }

        List<Row> left = pendingFor(item);
        assertThat(left).as("the row outlives the failed send").hasSize(1);
        assertThat(left.get(0).getOffsetDateTime("claimed_until")).isNull();

        relay.resume();
        assertThat(probe.await(Topics.ITEM_ATTRIBUTES_NAME, r -> item.equals(r.key()), WAIT)).hasSize(1);
        Awaitility.await().atMost(WAIT).until(() -> pendingFor(item).isEmpty());
    }

    @Test
    void aRolledBackWriteLeavesNoOutboxRow() {
        String item = UUID.randomUUID().toString();
        put(item, "Owned");
        given().contentType("application/ld+json").header(ForwardedIdentity.USER_HEADER, "someone-else")
                .body(document("Refused")).put("/items/{id}/metadata", item).then().statusCode(403);

        assertThat(pendingFor(item)).extracting(row -> row.getString("payload"))
                .singleElement().asString().contains("\"Owned\"").doesNotContain("Refused");
    }

    private List<Row> pendingFor(String item) {
        return pool.preparedQuery("SELECT payload, claimed_until FROM outbox_events WHERE record_key = $1 "
                        + "ORDER BY created_at")
                .execute(Tuple.of(item)).await().atMost(WAIT)
                .stream().toList();
    }

    private static void put(String item, String name) {
        given().contentType("application/ld+json").header(ForwardedIdentity.USER_HEADER, "owner-" + item)
                .body(document(name)).put("/items/{id}/metadata", item)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.equalTo(200),
                        org.hamcrest.Matchers.equalTo(201)));
    }

    private static String document(String name) {
        return """
                {"@context": "%s", "type": "Prop", "name": "%s"}""".formatted(BACKPACK, name);
    }
}
