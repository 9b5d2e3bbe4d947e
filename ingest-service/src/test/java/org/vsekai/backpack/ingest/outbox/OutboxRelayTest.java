package org.vsekai.backpack.ingest.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.contracts.scene.SceneUploaded;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.testkit.UnreachableBroker;
import org.vsekai.backpack.ingest.job.JobService;
import org.vsekai.backpack.ingest.job.StoredScene;
import org.vsekai.backpack.ingest.job.UploadJob;
import org.vsekai.backpack.kit.outbox.OutboxRelay;
import org.vsekai.backpack.kit.outbox.OutboxSender;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox on the real database and broker: scene-uploaded is committed with the STORED job whether or not it can
 * be sent, and the relay removes a row only after the broker acknowledged it.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxSender kafka;

    @Inject
    JobService jobs;

    @Inject
    Pool pool;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @BeforeEach
    void pauseTheRelay() {
        // Stands for a broker that cannot be reached, or a crash right after the commit: nothing is sent.
        relay.pause();
    }

    @AfterEach
    void resumeTheRelay() {
        relay.resume();
    }

    @Test
    void anEventCommittedWhileNothingCanBeSentIsDeliveredWhenTheRelayRuns() {
        UUID scene = UUID.randomUUID();
        UploadJob job = markStored(createJob(scene, "owner-" + scene), scene);

        assertThat(pendingFor(scene)).as("committed with the STORED job").hasSize(1);
        assertThat(probe.await(Topics.SCENE_UPLOADED_NAME, r -> scene.toString().equals(r.key()),
                Duration.ofSeconds(2))).as("not sent while the relay cannot send").isEmpty();

        relay.resume();

        List<ConsumerRecord<String, byte[]>> records = probe.await(Topics.SCENE_UPLOADED_NAME,
                r -> scene.toString().equals(r.key()), WAIT);
        assertThat(records).hasSize(1);
        SceneUploaded event = EventJson.read(records.get(0).value(), Topics.SCENE_UPLOADED);
        assertThat(event.sceneId()).isEqualTo(scene);
        assertThat(event.uploadedAt()).isEqualTo(job.updatedAt());
        Awaitility.await().atMost(WAIT).until(() -> pendingFor(scene).isEmpty());
    }

    @Test
    void aFailedSendKeepsTheRowForTheNextRun() {
        UUID scene = UUID.randomUUID();
        markStored(createJob(scene, "owner-" + scene), scene);

        OutboxSender unreachable = row -> Uni.createFrom().failure(new IllegalStateException("broker unreachable"));
        assertThatThrownBy(() -> relay.relayOnce(unreachable).await().atMost(WAIT))
                .hasMessageContaining("unreachable");
        List<Row> left = pendingFor(scene);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).getOffsetDateTime("claimed_until")).as("released for the next run").isNull();
        assertThat(left.get(0).getInteger("attempts")).isEqualTo(1);

        Awaitility.await().atMost(WAIT).until(() -> {
            relay.relayOnce(kafka).await().atMost(WAIT);
            return pendingFor(scene).isEmpty();
        });
        assertThat(probe.await(Topics.SCENE_UPLOADED_NAME, r -> scene.toString().equals(r.key()), WAIT))
                .hasSize(1);
    }

    @Test
    void aSendToAnUnreachableBrokerFailsTheRunAndKeepsTheRow() {
        UUID scene = UUID.randomUUID();
        markStored(createJob(scene, "owner-" + scene), scene);

        try (UnreachableBroker nowhere = new UnreachableBroker()) {
            OutboxSender toNowhere = row -> Uni.createFrom()
                    .completionStage(() -> nowhere.send(row.topic(), row.key(), row.payload()));
            assertThatThrownBy(() -> relay.relayOnce(toNowhere).await().atMost(WAIT)).isNotNull();
        }
        assertThat(pendingFor(scene)).as("the row outlives the failed send").hasSize(1);

        relay.resume();
        assertThat(probe.await(Topics.SCENE_UPLOADED_NAME, r -> scene.toString().equals(r.key()), WAIT)).hasSize(1);
        Awaitility.await().atMost(WAIT).until(() -> pendingFor(scene).isEmpty());
    }

    @Test
    void anErasureDropsTheUnsentEventsOfTheUsersScenes() {
        String user = "user-" + UUID.randomUUID();
        UUID scene = UUID.randomUUID();
        markStored(createJob(scene, user), scene);
        assertThat(pendingFor(scene)).hasSize(1);

        UserErasure erasure = new UserErasure(UserErasure.CURRENT_VERSION, UUID.randomUUID(), user, "admin",
                java.time.Instant.now());
        probe.send(Topics.USER_ERASURES_NAME, user, EventJson.write(erasure));

        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> pendingFor(scene).isEmpty());
        relay.resume();
        relay.relayOnce(kafka).await().atMost(WAIT);
        assertThat(probe.await(Topics.SCENE_UPLOADED_NAME, r -> scene.toString().equals(r.key()),
                Duration.ofSeconds(2))).as("the erased user's scene is never announced").isEmpty();
    }

    private List<Row> pendingFor(UUID scene) {
        return pool.preparedQuery("SELECT payload, claimed_until, attempts FROM outbox_events "
                        + "WHERE record_key = $1 ORDER BY created_at")
                .execute(Tuple.of(scene.toString())).await().atMost(WAIT)
                .stream().toList();
    }

    private static UUID createJob(UUID scene, String owner) {
        return UUID.fromString(given().header(ForwardedIdentity.USER_HEADER, owner).contentType(ContentType.JSON)
                .body("{\"sceneId\": \"" + scene + "\"}")
                .post("/jobs").then().statusCode(201).extract().path("id"));
    }

    private UploadJob markStored(UUID jobId, UUID scene) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> jobs.markStored(jobId,
                    new StoredScene("blob://scenes/" + scene, SceneFormat.GLB, 10L, 1)));
        } catch (Throwable e) {
            throw new AssertionError("markStored failed", e);
        }
    }
}
