package org.vsekai.backpack.ingest.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.ingest.fixtures.Images;
import org.vsekai.backpack.ingest.fixtures.SceneRequests;
import org.vsekai.backpack.kit.blob.BlobRef;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.ingest.job.JobService;
import org.vsekai.backpack.ingest.job.StoredScene;
import org.vsekai.backpack.kit.outbox.OutboxRelay;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.SqlProbe;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.testkit.UserErasureProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/** The privacy erase on the real broker and database: none of the user's jobs stays readable, through HTTP or SQL. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class UserErasureFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    @Inject
    Pool pool;

    @Inject
    JobService jobs;

    @Inject
    OutboxRelay relay;

    @Inject
    BlobStore blobs;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void anErasureDeletesEveryJobOfTheUserAndOnlyTheirs() {
        String user = "user-" + UUID.randomUUID();
        String neighbour = "user-" + UUID.randomUUID();
        String first = createJob(user);
        String second = createJob(user);
        String kept = createJob(neighbour);
        asUser(user).get("/jobs").then().statusCode(200).body("jobs.size()", equalTo(2));

        erasures().erase(user);

        Awaitility.await().atMost(WAIT).pollInterval(POLL).untilAsserted(() ->
                asUser(user).get("/jobs").then().statusCode(200).body("jobs", equalTo(List.of())));
        asAdmin().get("/jobs/{id}", first).then().statusCode(404);
        asAdmin().get("/jobs/{id}", second).then().statusCode(404);
        asAdmin().queryParam("owner", user).get("/jobs").then().statusCode(200).body("jobs", equalTo(List.of()));
        assertThat(sql().count("SELECT count(*) FROM upload_jobs WHERE owner_id = $1", user)).isZero();
        asUser(neighbour).get("/jobs/{id}", kept).then().statusCode(200).body("ownerId", equalTo(neighbour));
    }

    @Test
    void anErasureDeletesTheUsersScenesFramesAndTheBlobsNobodyElseHolds() {
        String user = "user-" + UUID.randomUUID();
        String neighbour = "user-" + UUID.randomUUID();
        byte[] own = SceneRequests.uniqueGlb();
        byte[] shared = SceneRequests.uniqueGlb();
        String ownScene = SceneRequests.parsedScene(user, own);
        String sharedScene = SceneRequests.parsedScene(user, shared);
        String neighboursScene = SceneRequests.parsedScene(neighbour, shared);
        byte[] frame = Images.encoded("png", 16, 16);
        SceneRequests.as(user).contentType("image/png").body(frame)
                .post("/scenes/{id}/cameras/{camera}/frames", ownScene, "1").then().statusCode(202);
        BlobRef ownBlob = new BlobRef(SceneRequests.sha256(own));
        BlobRef sharedBlob = new BlobRef(SceneRequests.sha256(shared));
        BlobRef frameBlob = new BlobRef(SceneRequests.sha256(frame));
        assertThat(List.of(ownBlob, sharedBlob, frameBlob)).allMatch(this::stored);

        erasures().erase(user);

        Awaitility.await().atMost(WAIT).pollInterval(POLL).until(() -> !stored(ownBlob) && !stored(frameBlob));
        assertThat(stored(sharedBlob)).as("the neighbour holds it too").isTrue();
        asAdmin().get("/scenes/{id}", ownScene).then().statusCode(404);
        asAdmin().get("/scenes/{id}", sharedScene).then().statusCode(404);
        asUser(neighbour).get("/scenes/{id}", neighboursScene).then().statusCode(200)
                .body("state", equalTo("METADATA_PUBLISHED"));
        for (String table : List.of("scenes", "scene_frames", "upload_jobs", "blob_holders", "jobs")) {
            assertThat(sql().count("SELECT count(*) FROM " + table + " WHERE owner_id = $1", user)).as(table).isZero();
        }
    }

    @Test
    void aRedeliveredErasureDoesNotDeleteJobsCreatedSince() {
        String user = "user-" + UUID.randomUUID();
        createJob(user);
        UserErasure erasure = erasures().erase(user);
        Awaitility.await().atMost(WAIT).pollInterval(POLL).untilAsserted(() ->
                asUser(user).get("/jobs").then().body("jobs", equalTo(List.of())));

        String later = createJob(user);
        erasures().redeliver(erasure);

        asUser(user).get("/jobs/{id}", later).then().statusCode(200);
    }

    @Test
    void anErasureDropsTheUnsentEventsOfTheUsersScenes() {
        String user = "user-" + UUID.randomUUID();
        UUID scene = UUID.randomUUID();
        relay.pause(); // as if the broker were away: the scene's event waits in the outbox
        try {
            markStored(UUID.fromString(createJob(user, scene)), scene);
            assertThat(unsentFor(scene)).isEqualTo(1);

            erasures().erase(user);

            Awaitility.await().atMost(WAIT).pollInterval(POLL).until(() -> unsentFor(scene) == 0);
        } finally {
            relay.resume();
        }
        assertThat(probe.await(Topics.SCENE_UPLOADED_NAME, r -> scene.toString().equals(r.key()),
                Duration.ofSeconds(2))).as("the erased user's scene is never announced").isEmpty();
    }

    /**
     * A serialization failure (SQLSTATE 40001, what CockroachDB raises when a transaction loses a conflict) is raised
     * by a trigger for this one event, more often than the consumer's own retries would take: the transaction must
     * run again until it commits. The count lives in a sequence, which a rollback does not undo. PL/pgSQL is fine
     * here: this is test set-up on PostgreSQL, not a migration.
     */
    @Test
    void anErasureThatLosesSerializationConflictsRunsAgainUntilItCommits() {
        String user = "user-" + UUID.randomUUID();
        String job = createJob(user);
        UserErasure erasure = UserErasureProbe.erasure(user);
        String suffix = erasure.eventId().toString().replace("-", "");
        String sequence = "conflicts_" + suffix;
        String function = "conflict_" + suffix;
        int conflicts = 7; // the consumer itself retries 5 times
        sql().execute("CREATE SEQUENCE " + sequence);
        sql().execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF nextval('" + sequence + "') <= " + conflicts + " THEN "
                + "RAISE EXCEPTION 'simulated conflict' USING ERRCODE = '40001'; END IF; RETURN NEW; END $$");
        sql().execute("CREATE TRIGGER " + function + " BEFORE INSERT ON processed_events FOR EACH ROW "
                + "WHEN (NEW.event_id = '" + erasure.eventId() + "') EXECUTE FUNCTION " + function + "()");
        try {
            erasures().send(erasure);

            erasures().awaitProcessed(erasure);
            asAdmin().get("/jobs/{id}", job).then().statusCode(404);
            assertThat(sql().count("SELECT last_value FROM " + sequence)).isEqualTo(conflicts + 1);
        } finally {
            sql().execute("DROP TRIGGER IF EXISTS " + function + " ON processed_events");
            sql().execute("DROP FUNCTION IF EXISTS " + function + "()");
            sql().execute("DROP SEQUENCE IF EXISTS " + sequence);
        }
    }

    @Test
    void anUnreadableOrUserlessErasureGoesToTheDeadLetterTopic() {
        erasures().assertUnreadableAndUserlessErasuresGoToTheDeadLetterTopic();
    }

    private SqlProbe sql() {
        return new SqlProbe(pool);
    }

    private UserErasureProbe erasures() {
        return new UserErasureProbe(probe, sql());
    }

    private long unsentFor(UUID scene) {
        return sql().count("SELECT count(*) FROM outbox_events WHERE record_key = $1", scene.toString());
    }

    /** The service runs on a Vert.x context in production; this gives the test's call one too. */
    private void markStored(UUID jobId, UUID scene) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> jobs.markStored(jobId,
                    new StoredScene("blob://scenes/" + scene, SceneFormat.GLB, 10L, 1)));
        } catch (Throwable e) {
            throw new AssertionError("markStored failed", e);
        }
    }

    private static RequestSpecification asUser(String user) {
        return given().header(ForwardedIdentity.USER_HEADER, user);
    }

    private static RequestSpecification asAdmin() {
        return asUser("admin-1").header(ForwardedIdentity.ROLES_HEADER, ForwardedIdentity.ROLE_ADMIN);
    }

    private static String createJob(String owner) {
        return createJob(owner, UUID.randomUUID());
    }

    private static String createJob(String owner, UUID scene) {
        return asUser(owner).contentType(ContentType.JSON)
                .body("{\"sceneId\": \"" + scene + "\"}")
                .post("/jobs").then().statusCode(201).extract().path("id");
    }

    private boolean stored(BlobRef ref) {
        try {
            return blobs.exists(ref);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
