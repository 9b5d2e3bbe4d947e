package org.vsekai.backpack.kit.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.Event;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.contracts.scene.SceneUploaded;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.testkit.TraceContext;
import org.vsekai.backpack.testkit.UnreachableBroker;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox on a real PostgreSQL and Kafka, through both kinds of transaction a service has (the reactive SQL
 * client's and Hibernate Reactive's): a record is committed with its data and not with rolled-back data, whether or
 * not it can be sent; the relay sends rows in write order and removes a row only after the broker acknowledged it;
 * a failed send, or a broker that is not there, leaves the unsent rows unclaimed and in order for the next run.
 */
@QuarkusTest
@TestProfile(OutboxProfile.class)
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String TOPIC = Topics.SCENE_UPLOADED_NAME;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxSender kafka;

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @Inject
    Mutiny.SessionFactory sessions;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @BeforeEach
    void pauseTheRelay() {
        // Stands for a broker that cannot be reached, or a crash right after the commit: nothing is sent.
        relay.pause();
        pool.query("DELETE FROM outbox_events").execute().await().atMost(WAIT);
    }

    @AfterEach
    void resumeTheRelay() {
        relay.resume();
    }

    @Test
    void aRecordCommittedOnTheSqlClientWhileNothingCanBeSentIsDeliveredWhenTheRelayRuns() {
        SceneUploaded event = sceneUploaded();
        String key = event.sceneId().toString();
        writeWithSql(key, event, true);

        assertThat(pendingFor(key)).as("committed with the data").hasSize(1);
        assertThat(probe.await(TOPIC, r -> key.equals(r.key()), QUIET)).as("not sent while paused").isEmpty();

        assertDeliveredOnceTheRelayRuns(event);
    }

    @Test
    void theBacklogGaugeCountsTheRowsNotYetRelayed() {
        Awaitility.await().atMost(WAIT).until(() -> backlog() >= 0);
        double before = backlog();
        for (int i = 0; i < 3; i++) {
            SceneUploaded event = sceneUploaded();
            writeWithSql(event.sceneId().toString(), event, true);
        }

        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(backlog()).isEqualTo(before + 3));
        relay.resume();
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(backlog()).isZero());
    }

    /** backpack_outbox_backlog as Prometheus scrapes it; -1 before it is exported. */
    private static double backlog() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("backpack_outbox_backlog "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    @Test
    void aRecordCommittedInAHibernateSessionIsDeliveredWhenTheRelayRuns() {
        SceneUploaded event = sceneUploaded();
        String key = event.sceneId().toString();
        writeWithSession(key, event, true);

        assertThat(pendingFor(key)).as("committed with the entity").hasSize(1);
        assertThat(count("SELECT count(*) FROM parcels WHERE label = $1", key)).isEqualTo(1);

        assertDeliveredOnceTheRelayRuns(event);
    }

    /** Resumes the relay: the event reaches the broker once, and its row is gone after the acknowledgement. */
    private void assertDeliveredOnceTheRelayRuns(SceneUploaded event) {
        String key = event.sceneId().toString();
        relay.resume();

        List<ConsumerRecord<String, byte[]>> records = probe.await(TOPIC, r -> key.equals(r.key()), WAIT);
        assertThat(records).hasSize(1);
        assertThat(EventJson.read(records.get(0).value(), Topics.SCENE_UPLOADED)).isEqualTo(event);
        Awaitility.await().atMost(WAIT).until(() -> pendingFor(key).isEmpty());
    }

    @Test
    void aRolledBackWriteLeavesNoRowInEitherKindOfTransaction() {
        SceneUploaded overSql = sceneUploaded();
        SceneUploaded overSession = sceneUploaded();

        assertThatThrownBy(() -> writeWithSql(overSql.sceneId().toString(), overSql, false))
                .hasStackTraceContaining("rolled back");
        assertThatThrownBy(() -> writeWithSession(overSession.sceneId().toString(), overSession, false))
                .hasStackTraceContaining("rolled back");

        for (SceneUploaded event : List.of(overSql, overSession)) {
            String key = event.sceneId().toString();
            assertThat(pendingFor(key)).as("no event without its data").isEmpty();
            assertThat(count("SELECT count(*) FROM parcels WHERE label = $1", key)).isZero();
        }
    }

    @Test
    void aFailedSendKeepsTheUnsentRowsUnclaimedAndInOrderForTheNextRun() {
        String key = UUID.randomUUID().toString();
        List<SceneUploaded> events = List.of(sceneUploaded(), sceneUploaded(), sceneUploaded());
        for (SceneUploaded event : events) {
            writeWithSql(key, event, true);
        }

        // The first send is acknowledged, the second fails: the first row goes, the other two stay, unclaimed.
        AtomicInteger sends = new AtomicInteger();
        OutboxSender flaky = row -> sends.incrementAndGet() == 1
                ? kafka.send(row)
                : Uni.createFrom().failure(new IllegalStateException("broker unreachable"));
        assertThatThrownBy(() -> relay.relayOnce(flaky).await().atMost(WAIT)).hasMessageContaining("unreachable");

        List<Row> left = pendingFor(key);
        assertThat(left).as("only the acknowledged row is gone").hasSize(2);
        assertThat(left).allSatisfy(row -> {
            assertThat(row.getOffsetDateTime("claimed_until")).as("released for the next run").isNull();
            assertThat(row.getInteger("attempts")).isEqualTo(1);
        });
        assertThat(left).extracting(row -> EventJson.read(row.getString("payload").getBytes(), Topics.SCENE_UPLOADED))
                .as("still in write order").containsExactly(events.get(1), events.get(2));

        assertThat(relay.relayOnce(kafka).await().atMost(WAIT)).isEqualTo(2);
        assertThat(pendingFor(key)).isEmpty();
        List<ConsumerRecord<String, byte[]>> records = Awaitility.await().atMost(WAIT).until(
                () -> probe.await(TOPIC, r -> key.equals(r.key()), QUIET), found -> found.size() >= 3);
        assertThat(records).extracting(r -> EventJson.read(r.value(), Topics.SCENE_UPLOADED))
                .as("each event once, in write order").containsExactlyElementsOf(events);
    }

    @Test
    void aSendToAnUnreachableBrokerFailsTheRunAndKeepsTheRow() {
        SceneUploaded event = sceneUploaded();
        String key = event.sceneId().toString();
        writeWithSession(key, event, true);

        try (UnreachableBroker nowhere = new UnreachableBroker()) {
            OutboxSender toNowhere = row -> Uni.createFrom()
                    .completionStage(() -> nowhere.send(row.topic(), row.key(), row.payload()));
            assertThatThrownBy(() -> relay.relayOnce(toNowhere).await().atMost(WAIT)).isNotNull();
        }
        List<Row> left = pendingFor(key);
        assertThat(left).as("the row outlives the failed send").hasSize(1);
        assertThat(left.get(0).getOffsetDateTime("claimed_until")).isNull();

        relay.resume();
        assertThat(probe.await(TOPIC, r -> key.equals(r.key()), WAIT)).hasSize(1);
        Awaitility.await().atMost(WAIT).until(() -> pendingFor(key).isEmpty());
    }

    @Test
    void aTombstoneGoesOutAsARecordWithoutAValue() {
        String item = "item-" + UUID.randomUUID();
        writeWithSql(Topics.ITEM_ATTRIBUTES_NAME, item, null, true);
        writeWithSession(Topics.ITEM_ATTRIBUTES_NAME, item, null, true);

        assertThat(relay.relayOnce(kafka).await().atMost(WAIT)).isEqualTo(2);

        List<ConsumerRecord<String, byte[]>> records = Awaitility.await().atMost(WAIT).until(
                () -> probe.await(Topics.ITEM_ATTRIBUTES_NAME, r -> item.equals(r.key()), QUIET),
                found -> found.size() >= 2);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly(null, null);
    }

    @Test
    void aRowItsTopicCannotCarryStopsTheRelayAtThatRowAndStays() {
        String key = UUID.randomUUID().toString();
        writeWithSql("no-such-topic", key, sceneUploaded(), true);
        writeWithSql(TOPIC, key, null, true); // a tombstone on a topic that is not compacted
        try {
            assertThatThrownBy(() -> relay.relayOnce(kafka).await().atMost(WAIT))
                    .hasMessageContaining("no-such-topic");
            assertThat(pendingFor(key)).as("nothing is lost").hasSize(2);

            pool.preparedQuery("DELETE FROM outbox_events WHERE topic = $1").execute(Tuple.of("no-such-topic"))
                    .await().atMost(WAIT);
            assertThatThrownBy(() -> relay.relayOnce(kafka).await().atMost(WAIT))
                    .hasMessageContaining("not compacted");
            assertThat(pendingFor(key)).hasSize(1);
        } finally {
            pool.preparedQuery("DELETE FROM outbox_events WHERE record_key = $1").execute(Tuple.of(key))
                    .await().atMost(WAIT);
        }
    }

    @Test
    void theRecordContinuesTheTraceItsRowWasWrittenIn() {
        TraceContext trace = TraceContext.random();
        Context request = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(trace.traceId(),
                trace.parentSpanId(), TraceFlags.getSampled(), TraceState.getDefault())));
        SceneUploaded event = sceneUploaded();
        String key = event.sceneId().toString();
        // As in a service, the trace is the Vert.x context's: the HTTP layer makes the request's span current there.
        try {
            VertxContextSupport.subscribeAndAwait(() -> {
                Scope scope = request.makeCurrent();
                return pool.withTransaction(connection -> outbox.add(connection, TOPIC, key, event))
                        .eventually(scope::close);
            });
        } catch (Throwable e) {
            throw new IllegalStateException("the write failed", e);
        }
        assertThat(pendingFor(key)).extracting(row -> row.getString("traceparent"))
                .containsExactly(trace.traceparent());

        relay.relayOnce(kafka).await().atMost(WAIT);

        List<ConsumerRecord<String, byte[]>> records = probe.await(TOPIC, r -> key.equals(r.key()), WAIT);
        assertThat(records).hasSize(1);
        assertThat(TopicProbe.header(records.get(0), TraceContext.HEADER))
                .as("same trace, the producer span as parent").startsWith("00-" + trace.traceId() + "-")
                .isNotEqualTo(trace.traceparent());
    }

    private void writeWithSql(String key, Event event, boolean commit) {
        writeWithSql(TOPIC, key, event, commit);
    }

    private void writeWithSql(String topic, String key, Event event, boolean commit) {
        pool.withTransaction(connection -> connection
                        .preparedQuery("INSERT INTO parcels (id, label) VALUES ($1, $2)")
                        .execute(Tuple.of(UUID.randomUUID(), key))
                        .chain(() -> outbox.add(connection, topic, key, event))
                        .chain(commitOrRollBack(commit)))
                .await().atMost(WAIT);
    }

    private void writeWithSession(String key, Event event, boolean commit) {
        writeWithSession(TOPIC, key, event, commit);
    }

    /** Hibernate Reactive runs on a Vert.x context, as it does in a service; this gives the test's call one. */
    private void writeWithSession(String topic, String key, Event event, boolean commit) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> session
                    .persist(new Parcel(UUID.randomUUID(), key))
                    .chain(() -> outbox.addInSession(session, topic, key, event))
                    .chain(commitOrRollBack(commit))));
        } catch (Throwable e) {
            throw new IllegalStateException("the session's transaction failed", e);
        }
    }

    private static Function<Void, Uni<? extends Void>> commitOrRollBack(boolean commit) {
        return ignored -> commit
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new IllegalStateException("rolled back after the outbox write"));
    }

    private List<Row> pendingFor(String key) {
        return pool.preparedQuery("SELECT payload, traceparent, claimed_until, attempts FROM outbox_events "
                        + "WHERE record_key = $1 ORDER BY created_at, id")
                .execute(Tuple.of(key)).await().atMost(WAIT)
                .stream().toList();
    }

    private long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(WAIT)
                .iterator().next().getLong(0);
    }

    private static SceneUploaded sceneUploaded() {
        UUID scene = UUID.randomUUID();
        return new SceneUploaded(SceneUploaded.CURRENT_VERSION, UUID.randomUUID(), scene, "owner-" + scene,
                "blob://scenes/" + scene, SceneFormat.GLB, 10L, 1, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
