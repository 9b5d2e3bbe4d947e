package org.vsekai.backpack.ingest.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.TopicProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The privacy erase on the real broker and database: none of the user's jobs stays readable, through HTTP or SQL. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class UserErasureFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADMIN = "admin";

    @Inject
    Pool pool;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void anErasureDeletesEveryJobOfTheUserAndOnlyTheirs() {
        String user = "user-" + UUID.randomUUID();
        String neighbour = "user-" + UUID.randomUUID();
        String first = createJob(user);
        String second = createJob(user);
        String kept = createJob(neighbour);
        asUser(user).get("/jobs").then().statusCode(200).body("jobs.size()", equalTo(2));

        probe.send(Topics.USER_ERASURES_NAME, user, EventJson.write(erasure(user)));

        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                asUser(user).get("/jobs").then().statusCode(200).body("jobs", equalTo(List.of())));
        asAdmin().get("/jobs/{id}", first).then().statusCode(404);
        asAdmin().get("/jobs/{id}", second).then().statusCode(404);
        asAdmin().queryParam("owner", user).get("/jobs").then().statusCode(200).body("jobs", equalTo(List.of()));
        assertThat(count("SELECT count(*) FROM upload_jobs WHERE owner_id = $1", user)).isZero();
        asUser(neighbour).get("/jobs/{id}", kept).then().statusCode(200).body("ownerId", equalTo(neighbour));
    }

    @Test
    void aRedeliveredErasureDoesNotDeleteJobsCreatedSince() {
        String user = "user-" + UUID.randomUUID();
        createJob(user);
        UserErasure erasure = erasure(user);
        probe.send(Topics.USER_ERASURES_NAME, user, EventJson.write(erasure));
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                asUser(user).get("/jobs").then().body("jobs", equalTo(List.of())));

        String later = createJob(user);
        probe.send(Topics.USER_ERASURES_NAME, user, EventJson.write(erasure));
        UserErasure marker = erasure("marker-" + UUID.randomUUID());
        probe.send(Topics.USER_ERASURES_NAME, user, EventJson.write(marker)); // same partition, after the repeat
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                count("SELECT count(*) FROM processed_events WHERE event_id = $1", marker.eventId()) == 1);

        asUser(user).get("/jobs/{id}", later).then().statusCode(200);
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
        UserErasure erasure = erasure(user);
        String suffix = erasure.eventId().toString().replace("-", "");
        String sequence = "conflicts_" + suffix;
        String function = "conflict_" + suffix;
        int conflicts = 7; // the consumer itself retries 5 times
        execute("CREATE SEQUENCE " + sequence);
        execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF nextval('" + sequence + "') <= " + conflicts + " THEN "
                + "RAISE EXCEPTION 'simulated conflict' USING ERRCODE = '40001'; END IF; RETURN NEW; END $$");
        execute("CREATE TRIGGER " + function + " BEFORE INSERT ON processed_events FOR EACH ROW "
                + "WHEN (NEW.event_id = '" + erasure.eventId() + "') EXECUTE FUNCTION " + function + "()");
        try {
            probe.send(Topics.USER_ERASURES_NAME, user, EventJson.write(erasure));

            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                    count("SELECT count(*) FROM processed_events WHERE event_id = $1", erasure.eventId()) == 1);
            asAdmin().get("/jobs/{id}", job).then().statusCode(404);
            assertThat(count("SELECT last_value FROM " + sequence)).isEqualTo(conflicts + 1);
        } finally {
            execute("DROP TRIGGER IF EXISTS " + function + " ON processed_events");
            execute("DROP FUNCTION IF EXISTS " + function + "()");
            execute("DROP SEQUENCE IF EXISTS " + sequence);
        }
    }

    @Test
    void anUnreadableOrUserlessErasureGoesToTheDeadLetterTopic() {
        String key = "bad-" + UUID.randomUUID();
        probe.send(Topics.USER_ERASURES_NAME, key, "{not json");
        String userless = "userless-" + UUID.randomUUID();
        probe.send(Topics.USER_ERASURES_NAME, userless, EventJson.write(new UserErasure(UserErasure.CURRENT_VERSION,
                UUID.randomUUID(), null, ADMIN, Instant.now())));

        String dlq = Topics.USER_ERASURES.deadLetterTopic();
        List<ConsumerRecord<String, byte[]>> dead = probe.await(dlq, r -> key.equals(r.key()), WAIT);
        assertThat(dead).hasSize(1);
        assertThat(TopicProbe.value(dead.get(0))).isEqualTo("{not json");
        List<ConsumerRecord<String, byte[]>> noUser = probe.await(dlq, r -> userless.equals(r.key()), WAIT);
        assertThat(noUser).hasSize(1);
        assertThat(TopicProbe.header(noUser.get(0), "dead-letter-reason")).contains("names no user");
    }

    private long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(WAIT)
                .iterator().next().getLong(0);
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(WAIT);
    }

    private static UserErasure erasure(String user) {
        return new UserErasure(UserErasure.CURRENT_VERSION, UUID.randomUUID(), user, ADMIN, Instant.now());
    }

    private static io.restassured.specification.RequestSpecification asUser(String user) {
        return given().header(ForwardedIdentity.USER_HEADER, user);
    }

    private static io.restassured.specification.RequestSpecification asAdmin() {
        return asUser("admin-1").header(ForwardedIdentity.ROLES_HEADER, ForwardedIdentity.ROLE_ADMIN);
    }

    private static String createJob(String owner) {
        return asUser(owner).contentType(ContentType.JSON)
                .body("{\"sceneId\": \"" + UUID.randomUUID() + "\"}")
                .post("/jobs").then().statusCode(201).extract().path("id");
    }
}
