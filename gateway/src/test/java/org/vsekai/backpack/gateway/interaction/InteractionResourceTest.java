package org.vsekai.backpack.gateway.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.gateway.testing.ActivityJson;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.InteractionsTopic;
import org.vsekai.backpack.gateway.testing.TestClock;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class InteractionResourceTest {

    /** These tests are about other things than access: an admin may do all of it. */
    @BeforeEach
    void authenticateAsAdmin() {
        TestTokens.sendWithEveryRequest(TestTokens.admin("test-admin"));
    }

    @AfterEach
    void forgetTheToken() {
        TestTokens.sendNoToken();
    }

    static final String PATH = "/api/v1/interactions";
    static final String LD_JSON = "application/ld+json";

    @Inject
    TestClock clock;

    @TestHTTPResource(PATH)
    URI interactionsUri;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void publishesAnAcceptedActivityKeyedByItsUser() {
        Instant receivedAt = Instant.parse("2030-01-02T03:04:05.678Z");
        clock.set(receivedAt);
        String user = ActivityJson.uniqueUser();
        String activityId = "https://client.example/activities/" + UUID.randomUUID();

        String eventId = post(ActivityJson.like(user, "item-7").with("id", activityId).with("type", "View"))
                .statusCode(202)
                .contentType("application/json")
                .body("id", equalTo(activityId))
                .extract().path("eventId");

        try (InteractionsTopic topic = new InteractionsTopic()) {
            ConsumerRecord<String, byte[]> record = topic.awaitActivity(activityId);
            assertThat(record.key()).isEqualTo(user);
            InteractionEvent event = topic.event(record);
            assertThat(event.version()).isEqualTo(InteractionEvent.CURRENT_VERSION);
            assertThat(event.eventId()).isEqualTo(UUID.fromString(eventId));
            assertThat(event.type()).isEqualTo(ActivityType.VIEW);
            assertThat(event.userId()).isEqualTo(user);
            assertThat(event.itemId()).isEqualTo("item-7");
            assertThat(event.published()).isEqualTo(Instant.parse(ActivityJson.PUBLISHED));
            assertThat(event.receivedAt()).isEqualTo(receivedAt);
        }
    }

    @Test
    void assignsAnUrnUuidIdWhenTheActivityHasNone() {
        String user = ActivityJson.uniqueUser();

        String activityId = post(ActivityJson.like(user, "item-1"))
                .statusCode(202)
                .body("id", matchesPattern("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .extract().path("id");

        try (InteractionsTopic topic = new InteractionsTopic()) {
            assertThat(topic.awaitActivity(activityId).key()).isEqualTo(user);
        }
    }

    @Test
    void aRetriedActivityKeepsItsEventIdSoDownstreamKeepsItOnce() {
        String user = ActivityJson.uniqueUser();
        String activityId = "https://client.example/activities/" + UUID.randomUUID();
        ActivityJson activity = ActivityJson.like(user, "item-9").with("id", activityId);

        String first = post(activity).statusCode(202).extract().path("eventId");
        String retry = post(activity).statusCode(202).extract().path("eventId");
        String otherActivity = post(ActivityJson.like(user, "item-9").with("id", activityId + "/2"))
                .statusCode(202).extract().path("eventId");
        String otherActor = post(ActivityJson.like(ActivityJson.uniqueUser(), "item-9").with("id", activityId))
                .statusCode(202).extract().path("eventId");

        assertThat(retry).isEqualTo(first);
        assertThat(otherActivity).isNotEqualTo(first);
        assertThat(otherActor).isNotEqualTo(first).isNotEqualTo(otherActivity);
        try (InteractionsTopic topic = new InteractionsTopic()) {
            List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(20))
                    .until(() -> topic.awaitFirstOfUser(user), found -> found.size() == 3);
            assertThat(records).extracting(record -> topic.event(record).eventId().toString())
                    .containsExactly(first, first, otherActivity);
        }
    }

    @Test
    void anActivityWithoutAnIdIsANewEventOnEveryAttempt() {
        ActivityJson activity = ActivityJson.like(ActivityJson.uniqueUser(), "item-9");

        String first = post(activity).statusCode(202).extract().path("eventId");
        String retry = post(activity).statusCode(202).extract().path("eventId");

        assertThat(retry).isNotEqualTo(first);
    }

    @Test
    void takesActorAndObjectAsObjectsAContextArrayAndPlainJson() {
        String user = ActivityJson.uniqueUser();
        ActivityJson activity = ActivityJson.like("ignored", "ignored")
                .with("@context", List.of(ActivityJson.CONTEXT, Map.of("vsekai", "https://v-sekai.org/ns#")))
                .with("type", "Add")
                .with("actor", Map.of("type", "Person", "id", user))
                .with("object", Map.of("type", "Object", "id", "item-3"))
                .with("published", "2024-05-01T14:00:00+02:00");

        String activityId = given().contentType("application/json").body(activity.bytes())
                .when().post(PATH)
                .then().statusCode(202).extract().path("id");

        try (InteractionsTopic topic = new InteractionsTopic()) {
            InteractionEvent event = topic.event(topic.awaitActivity(activityId));
            assertThat(event.userId()).isEqualTo(user);
            assertThat(event.itemId()).isEqualTo("item-3");
            assertThat(event.type()).isEqualTo(ActivityType.ADD);
            assertThat(event.published()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        }
    }

    static Stream<Arguments> invalidFields() {
        String tooLong = "x".repeat(257);
        return Stream.of(
                invalid("@context", "no @context", a -> a.without("@context")),
                invalid("@context", "another context", a -> a.with("@context", "https://schema.org")),
                invalid("@context", "array without AS2", a -> a.with("@context", List.of("https://schema.org"))),
                invalid("@context", "number", a -> a.with("@context", 2)),
                invalid("type", "no type", a -> a.without("type")),
                invalid("type", "unknown type", a -> a.with("type", "Follow")),
                invalid("type", "type in lower case", a -> a.with("type", "like")),
                invalid("type", "type array", a -> a.with("type", List.of("Like"))),
                invalid("actor", "no actor", a -> a.without("actor")),
                invalid("actor", "null actor", a -> a.with("actor", null)),
                invalid("actor", "blank actor", a -> a.with("actor", "  ")),
                invalid("actor", "actor of 257 characters", a -> a.with("actor", tooLong)),
                invalid("actor", "numeric actor", a -> a.with("actor", 42)),
                invalid("actor", "actor object without id", a -> a.with("actor", Map.of("name", "Alice"))),
                invalid("actor", "actor with a control character", a -> a.with("actor", "alice\nbob")),
                invalid("object", "no object", a -> a.without("object")),
                invalid("object", "object of 257 characters", a -> a.with("object", Map.of("id", tooLong))),
                invalid("published", "no published", a -> a.without("published")),
                invalid("published", "published in words", a -> a.with("published", "yesterday")),
                invalid("published", "published without offset", a -> a.with("published", "2024-05-01T12:00:00")),
                invalid("published", "published as epoch number", a -> a.with("published", 1714564800)),
                invalid("id", "id of 257 characters", a -> a.with("id", tooLong)),
                invalid("id", "numeric id", a -> a.with("id", 42)),
                invalid("id", "empty id", a -> a.with("id", "")));
    }

    private static Arguments invalid(String field, String description, UnaryOperator<ActivityJson> change) {
        return Arguments.of(field, description, change);
    }

    @ParameterizedTest(name = "{1} is refused naming {0}")
    @MethodSource("invalidFields")
    void refusesAnInvalidFieldNamingIt(String field, String description, UnaryOperator<ActivityJson> change) {
        post(change.apply(ActivityJson.like(ActivityJson.uniqueUser(), "item-1")))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("https://backpack.v-sekai.org/problems/invalid-request"))
                .body("instance", equalTo(PATH))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void acceptsIdsOfExactlyTheLimit() {
        String limit = "y".repeat(256);
        post(ActivityJson.like(limit, limit).with("id", limit)).statusCode(202).body("id", equalTo(limit));
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        post(ActivityJson.like("a", "b").without("type").without("actor").without("object").without("published")
                .with("@context", "https://example.org"))
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder(
                        "@context", "type", "actor", "object", "published"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"type\": ", "{'type': 'Like'}", "not json", "{\"type\":\"Like\"} trailing",
            "{\"actor\":\"a\",\"actor\":\"b\"}", ""})
    void refusesMalformedJsonAsAProblem(String body) {
        given().contentType(LD_JSON).body(body.getBytes())
                .when().post(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid request"))
                .body("detail", startsWith("The body"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[]", "[{\"type\":\"Like\"}]", "\"Like\"", "42", "null"})
    void refusesABodyThatIsNotAnObject(String body) {
        given().contentType(LD_JSON).body(body.getBytes())
                .when().post(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("An activity must be a JSON object"));
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        byte[] body = paddedTo(65_536);
        given().contentType(LD_JSON).body(body).when().post(PATH).then().statusCode(202);
    }

    @Test
    void refusesADeclaredBodyOverTheLimitBeforeReadingIt() {
        given().contentType(LD_JSON).body(paddedTo(65_537))
                .when().post(PATH)
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/body-too-large"))
                .body("detail", containsString("65536 bytes"));
    }

    @Test
    void refusesAChunkedBodyOverTheLimitOnceRead() throws Exception {
        // No Content-Length: the body streams in chunks and is measured after reading.
        byte[] body = paddedTo(65_537);
        HttpRequest request = HttpRequest.newBuilder(interactionsUri)
                .header("Content-Type", LD_JSON)
                .header("Authorization", TestTokens.bearer(TestTokens.admin("test-admin")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("body-too-large");
    }

    @Test
    void refusesOtherMediaTypesAsAProblem() {
        given().contentType("text/plain").body(ActivityJson.like("a", "b").bytes())
                .when().post(PATH)
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void answersAnUnsupportedMethodAsAProblem() {
        given().when().get(PATH)
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    /** A valid activity whose JSON is exactly {@code size} bytes, padded with an extension field. */
    static byte[] paddedTo(int size) {
        ActivityJson activity = ActivityJson.like(ActivityJson.uniqueUser(), "item-1").with("padding", "");
        int base = activity.bytes().length;
        byte[] body = activity.with("padding", "p".repeat(size - base)).bytes();
        assertThat(body).hasSize(size);
        return body;
    }

    private static ValidatableResponse post(ActivityJson activity) {
        return given().contentType(LD_JSON).body(activity.bytes()).when().post(PATH).then();
    }
}
