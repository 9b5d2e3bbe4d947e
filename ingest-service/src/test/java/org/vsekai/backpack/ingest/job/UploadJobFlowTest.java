package org.vsekai.backpack.ingest.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.kafka.SceneUploadedDeserializer;
import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.contracts.scene.SceneUploaded;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.TopicProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class UploadJobFlowTest {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    @Inject
    JobService jobs;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void aJobRoundTripsThroughTheDatabase() {
        UUID sceneId = UUID.randomUUID();
        String jobId = createJob(sceneId, "user-" + sceneId);

        asUser("user-" + sceneId).get("/jobs/{id}", jobId)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo(jobId))
                .body("sceneId", equalTo(sceneId.toString()))
                .body("ownerId", equalTo("user-" + sceneId))
                .body("state", equalTo("RECEIVED"))
                .body("createdAt", notNullValue());

        UploadJob stored = markStored(UUID.fromString(jobId), glb(sceneId));
        assertThat(stored.state()).isEqualTo(JobState.STORED);

        asUser("user-" + sceneId).get("/jobs/{id}", jobId)
                .then().statusCode(200)
                .body("state", equalTo("STORED"))
                .body("updatedAt", equalTo(stored.updatedAt().toString()));
    }

    @Test
    void markStoredAnnouncesTheSceneKeyedByItsId() {
        UUID sceneId = UUID.randomUUID();
        UUID jobId = UUID.fromString(createJob(sceneId, "owner-a"));
        StoredScene scene = glb(sceneId);

        UploadJob job = markStored(jobId, scene);

        List<ConsumerRecord<String, byte[]>> records = probe.await(Topics.SCENE_UPLOADED_NAME,
                r -> sceneId.toString().equals(r.key()), KAFKA_WAIT);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        SceneUploaded event;
        try (var deserializer = new SceneUploadedDeserializer()) {
            event = deserializer.deserialize(record.topic(), record.value());
        }
        assertThat(event.sceneId()).isEqualTo(sceneId);
        assertThat(event.ownerId()).isEqualTo("owner-a");
        assertThat(event.blobRef()).isEqualTo(scene.blobRef());
        assertThat(event.format()).isEqualTo(SceneFormat.GLB);
        assertThat(event.sizeBytes()).isEqualTo(scene.sizeBytes());
        assertThat(event.cameraCount()).isEqualTo(scene.cameraCount());
        assertThat(event.uploadedAt()).isEqualTo(job.updatedAt());
        assertThat(event.version()).isEqualTo(SceneUploaded.CURRENT_VERSION);
        assertThat(TopicProbe.header(record, "traceparent"))
                .as("the record carries the trace context").isNotBlank();
    }

    @Test
    void retryingMarkStoredResendsTheSameEvent() {
        UUID sceneId = UUID.randomUUID();
        UUID jobId = UUID.fromString(createJob(sceneId, "owner-b"));

        UploadJob first = markStored(jobId, glb(sceneId));
        UploadJob second = markStored(jobId, glb(sceneId));

        assertThat(second.updatedAt()).isEqualTo(first.updatedAt());
        List<UUID> eventIds = awaitEventIds(sceneId, 2);
        assertThat(eventIds).hasSize(2);
        assertThat(eventIds.get(0)).as("consumers can drop the repeat").isEqualTo(eventIds.get(1));
    }

    @Test
    void markStoredOnAnUnknownJobFails() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> markStored(unknown, glb(UUID.randomUUID())))
                .hasRootCauseInstanceOf(JobNotFoundException.class);
    }

    @Test
    void anUnknownJobIsA404Problem() {
        UUID unknown = UUID.randomUUID();

        asUser("someone").get("/jobs/{id}", unknown)
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404))
                .body("type", equalTo(Problem.TYPE_BASE + "job-not-found"))
                .body("instance", equalTo("/jobs/" + unknown));
    }

    @Test
    void aPathThatIsNotAJobIdIsA404Problem() {
        asUser("someone").get("/jobs/{id}", "not-a-uuid")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404));
    }

    @Test
    void anInvalidNewJobIsA400ProblemNamingTheField() {
        asUser("someone").contentType(ContentType.JSON).body("{\"scene\": \"" + UUID.randomUUID() + "\"}")
                .post("/jobs")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors.field", hasItem("sceneId"));

        asUser("someone").contentType(ContentType.JSON).body("{not json")
                .post("/jobs")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "invalid-request"));
    }

    @Test
    void creatingOrReadingAJobWithoutAForwardedUserIsA401() {
        given().contentType(ContentType.JSON).body("{\"sceneId\": \"" + UUID.randomUUID() + "\"}")
                .post("/jobs")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "unauthenticated"));
        String jobId = createJob(UUID.randomUUID(), "owner-" + UUID.randomUUID());
        given().get("/jobs/{id}", jobId).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().get("/jobs").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aJobIsOwnedByItsCreatorAndSeenOnlyByThemOrAnAdmin() {
        String owner = "owner-" + UUID.randomUUID();
        String stranger = "stranger-" + UUID.randomUUID();
        String jobId = createJob(UUID.randomUUID(), owner);

        asUser(owner).get("/jobs/{id}", jobId).then().statusCode(200).body("ownerId", equalTo(owner));
        asUser(stranger).get("/jobs/{id}", jobId)
                .then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(Problem.TYPE_BASE + "not-job-owner"))
                .body("instance", equalTo("/jobs/" + jobId));
        asUser(stranger).header(ForwardedIdentity.ROLES_HEADER, "user,admin").get("/jobs/{id}", jobId)
                .then().statusCode(200).body("ownerId", equalTo(owner));
    }

    @Test
    void aUserListsTheirOwnJobsNewestFirstAndOnlyAnAdminListsAnothers() {
        String owner = "owner-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        String first = createJob(UUID.randomUUID(), owner);
        String second = createJob(UUID.randomUUID(), owner);
        String theirs = createJob(UUID.randomUUID(), other);

        asUser(owner).get("/jobs").then().statusCode(200)
                .body("jobs.id", equalTo(List.of(second, first)))
                .body("jobs.ownerId", equalTo(List.of(owner, owner)));
        asUser(owner).queryParam("limit", 1).get("/jobs").then().statusCode(200)
                .body("jobs.id", equalTo(List.of(second)));
        asUser(other).get("/jobs").then().statusCode(200).body("jobs.id", equalTo(List.of(theirs)));
        asUser(other).queryParam("owner", owner).get("/jobs")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        asUser("admin-1").header(ForwardedIdentity.ROLES_HEADER, "admin").queryParam("owner", owner).get("/jobs")
                .then().statusCode(200).body("jobs.id", equalTo(List.of(second, first)));
        asUser(owner).queryParam("limit", 0).get("/jobs").then().statusCode(400);
    }

    static RequestSpecification asUser(String user) {
        return given().header(ForwardedIdentity.USER_HEADER, user);
    }

    private String createJob(UUID sceneId, String ownerId) {
        return asUser(ownerId).contentType(ContentType.JSON)
                .body("{\"sceneId\": \"" + sceneId + "\"}")
                .post("/jobs")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("state", equalTo("RECEIVED"))
                .extract().path("id");
    }

    /** The service runs on a Vert.x context in production; this gives the test's call one too. */
    private UploadJob markStored(UUID jobId, StoredScene scene) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> jobs.markStored(jobId, scene));
        } catch (Throwable e) {
            throw new AssertionError("markStored failed", e);
        }
    }

    private List<UUID> awaitEventIds(UUID sceneId, int expected) {
        Instant deadline = Instant.now().plus(KAFKA_WAIT);
        List<UUID> ids = List.of();
        try (var deserializer = new SceneUploadedDeserializer()) {
            while (ids.size() < expected && Instant.now().isBefore(deadline)) {
                ids = probe.await(Topics.SCENE_UPLOADED_NAME, r -> sceneId.toString().equals(r.key()), KAFKA_WAIT)
                        .stream().map(r -> deserializer.deserialize(r.topic(), r.value()).eventId()).toList();
            }
        }
        return ids;
    }

    private static StoredScene glb(UUID sceneId) {
        return new StoredScene("blob://scenes/" + sceneId, SceneFormat.GLB, 123_456L, 2);
    }
}
