package org.vsekai.backpack.gateway.recommendation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakeRecommender;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource.InjectFakeRecommender;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class RecommendationResourceTest {

    /** These tests are about other things than access: an admin may do all of it. */
    @BeforeEach
    void authenticateAsAdmin() {
        TestTokens.sendWithEveryRequest(TestTokens.admin("test-admin"));
    }

    @AfterEach
    void forgetTheToken() {
        TestTokens.sendNoToken();
    }

    /** Well under the fake's slow answer: an answer within it shows the gateway did not wait for the peer. */
    static final int CLIENT_PATIENCE_MILLIS = 5_000;

    @InjectFakeRecommender
    FakeRecommender recommender;

    @Inject
    CircuitBreakerMaintenance circuits;

    /** Every test starts with a closed circuit: one test's deliberate failures must not fail the next. */
    @BeforeEach
    void closeTheCircuit() {
        circuits.reset(RecommenderClient.CIRCUIT);
    }

    @Test
    void relaysTheRecommendationsWithTheDefaultLimit() {
        String user = "user-" + UUID.randomUUID();
        get(user, null)
                .statusCode(200)
                .contentType("application/json")
                .body("userId", equalTo(user))
                .body("model", equalTo("fake@1"))
                .body("items", hasSize(10))
                .body("items[0].itemId", equalTo("item-0"))
                .body("items[0].score", equalTo(1.0f))
                .body("items[0].because", equalTo(List.of("seed-item")));
        assertThat(recommender.queriesFor(user)).containsExactly("limit=10");
    }

    @Test
    void passesTheLimitOn() {
        String user = "user-" + UUID.randomUUID();
        get(user, "3").statusCode(200).body("items", hasSize(3));
        assertThat(recommender.queriesFor(user)).containsExactly("limit=3");
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"0", "101", "-1", "ten", "1.5"})
    void refusesALimitOutsideOneToHundredWithoutAskingThePeer(String limit) {
        String user = "user-" + UUID.randomUUID();
        get(user, limit)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        assertThat(recommender.queriesFor(user)).isEmpty();
    }

    @Test
    void refusesAnOverlongUserId() {
        get("u".repeat(257), null)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void relaysAProblemOfThePeerWithItsStatus() {
        String user = "missing-" + UUID.randomUUID();
        get(user, "5")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/unknown-user"))
                .body("title", equalTo("Unknown user"))
                .body("status", equalTo(404))
                .body("detail", equalTo("No interactions of " + user + " yet"))
                .body("instance", equalTo("/api/v1/users/" + user + "/recommendations"));
        // A refusal is an answer, not an outage: not retried.
        assertThat(recommender.queriesFor(user)).hasSize(1);
    }

    @Test
    void relaysAClientErrorWithoutAProblemBodyAsAProblem() {
        get("refused-" + UUID.randomUUID(), null)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409));
    }

    @Test
    void answers503QuicklyWhenThePeerIsSlowerThanTheTimeout() {
        get("slow-" + UUID.randomUUID(), null)
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/recommender-unavailable"));
    }

    @Test
    void retriesAServerErrorOnceThenAnswers503() {
        String user = "broken-" + UUID.randomUUID();
        get(user, null).statusCode(503).contentType("application/problem+json");
        // %test allows one retry: two attempts, then the gateway gives up.
        assertThat(recommender.queriesFor(user)).hasSize(2);
    }

    @Test
    void recoversFromATransientServerErrorByRetrying() {
        String user = "flaky-" + UUID.randomUUID();
        get(user, "2").statusCode(200).body("userId", equalTo(user)).body("items", hasSize(2));
        assertThat(recommender.queriesFor(user)).hasSize(2);
    }

    @Test
    void answers503WhenThePeerIsDown() {
        recommender.stop();
        try {
            get("user-" + UUID.randomUUID(), null)
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("status", equalTo(503));
        } finally {
            recommender.start();
        }
        get("user-" + UUID.randomUUID(), null).statusCode(200);
    }

    @Test
    void stopsCallingARecommenderThatKeepsFailing() {
        // %test: four failed attempts in a row open the circuit; each of these calls makes two.
        get("broken-" + UUID.randomUUID(), null).statusCode(503);
        get("broken-" + UUID.randomUUID(), null).statusCode(503);
        assertThat(circuits.currentState(RecommenderClient.CIRCUIT)).isEqualTo(CircuitBreakerState.OPEN);

        String user = "user-" + UUID.randomUUID();
        get(user, null)
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/recommender-unavailable"));
        assertThat(recommender.queriesFor(user)).as("calls while the circuit is open").isEmpty();
    }

    @Test
    void passesTheAnswerThroughAsItIsWithTheHeadersThatDescribeIt() {
        String user = "tagged-" + UUID.randomUUID();

        var answer = get(user, "3").statusCode(200).contentType("application/json").extract();

        assertThat(answer.asString()).isEqualTo(FakeRecommender.recommendations(user, 3));
        FakeRecommender.TAGGED_HEADERS.forEach((name, value) -> assertThat(answer.header(name)).isEqualTo(value));
        assertThat(answer.header("X-Recommender-Node")).isNull();
    }

    private static ValidatableResponse get(String user, String limit) {
        var request = given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", CLIENT_PATIENCE_MILLIS)));
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        return request.when().get("/api/v1/users/{id}/recommendations", user).then();
    }
}
