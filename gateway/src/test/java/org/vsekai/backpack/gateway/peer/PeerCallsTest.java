package org.vsekai.backpack.gateway.peer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.gateway.recommendation.RecommenderClient;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakePeersResource.FakePeers;
import org.vsekai.backpack.gateway.testing.FakePeersResource.InjectFakePeers;
import org.vsekai.backpack.gateway.testing.FakeRecommender;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource.InjectFakeRecommender;
import org.vsekai.backpack.gateway.testing.StubPeer;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;

/**
 * The fault tolerance of the calls to the services, declared once on the REST clients and in configuration, as each
 * call gets it: its own timeout, retries for GET and PUT only (the metadata PUT once, and never after a timeout),
 * its own circuit that a refusal does not count against, and the caller's identity on every attempt. The services
 * are stand-ins over HTTP (peers outside the gateway, some told to fail or to answer late).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class PeerCallsTest {

    private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}";

    @Inject
    CircuitBreakerMaintenance circuits;

    @InjectFakeRecommender
    FakeRecommender recommender;

    @InjectFakePeers
    FakePeers peers;

    private final String admin = "admin-" + UUID.randomUUID();

    @BeforeEach
    void closeTheCircuitsAndAuthenticate() {
        circuits.resetAll();
        TestTokens.sendWithEveryRequest(TestTokens.admin(admin));
    }

    @AfterEach
    void forgetTheToken() {
        TestTokens.sendNoToken();
    }

    @Test
    void theMetadataPutWaitsLongerThanAReadForTheServiceToStoreIt() {
        String path = "/items/item-" + UUID.randomUUID() + "/metadata";
        peers.metadata().answer("PUT", path, 201, "application/json", "{\"version\":1}");
        peers.metadata().delay("PUT", path, 2_000); // twice a read's timeout, well within the PUT's 8 s

        putMetadata(path).then().statusCode(201).body("version", equalTo(1));
        assertThat(peers.metadata().receivedAt(path)).hasSize(1);
    }

    @Test
    void aMetadataPutThatTimedOutIsNotSentAgain() {
        String path = "/items/item-" + UUID.randomUUID() + "/metadata";
        peers.metadata().answer("PUT", path, 201, "application/json", "{\"version\":1}");
        peers.metadata().delay("PUT", path, 9_000); // past the PUT's 8 s

        putMetadata(path).then().statusCode(503)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/metadata-unavailable"));
        assertThat(peers.metadata().receivedAt(path)).as("the service may still store the first").hasSize(1);
    }

    @Test
    void aMetadataPutThatFailedOtherwiseIsRetriedOnce() {
        String path = "/items/item-" + UUID.randomUUID() + "/metadata";
        peers.metadata().answer("PUT", path, 500, "application/problem+json", PROBLEM);

        putMetadata(path).then().statusCode(503);
        // A GET that fails so is tried three times (RoutingTest); the PUT has its own retry settings.
        assertThat(peers.metadata().receivedAt(path)).hasSize(2);
    }

    @Test
    void postsAreNeverRetried() {
        peers.metadata().answer("POST", "/jsonld/expand", 500, "application/problem+json", PROBLEM);
        recommender.answer("POST", "/recommendations", 500, "application/problem+json", PROBLEM);
        recommender.answer("POST", "/admin/training", 500, "application/problem+json", PROBLEM);
        int expansions = peers.metadata().receivedAt("/jsonld/expand").size();
        int sessions = recommender.receivedAt("/recommendations").size();
        int trainings = recommender.receivedAt("/admin/training").size();

        given().contentType("application/json").body("{\"document\":{}}").when().post("/api/v1/jsonld/expand")
                .then().statusCode(503);
        given().contentType("application/json").body("{\"items\":[\"item-1\"]}").when().post("/api/v1/recommendations")
                .then().statusCode(503)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/recommender-unavailable"));
        given().when().post("/api/v1/admin/training").then().statusCode(503);

        assertThat(peers.metadata().receivedAt("/jsonld/expand")).hasSize(expansions + 1);
        assertThat(recommender.receivedAt("/recommendations")).hasSize(sessions + 1);
        assertThat(recommender.receivedAt("/admin/training")).hasSize(trainings + 1);
    }

    @Test
    void refusalsAreAnswersThatNeverOpenTheCircuit() {
        // %test opens a recommender circuit after four failed attempts in a row; six refusals are no failure.
        for (int i = 0; i < 6; i++) {
            String user = "missing-" + UUID.randomUUID();
            recommendationsOf(user).then().statusCode(404);
            assertThat(recommender.queriesFor(user)).hasSize(1);
        }
        assertThat(circuits.currentState(RecommenderClient.CIRCUIT)).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void eachCallHasACircuitOfItsOwn() {
        recommendationsOf("broken-" + UUID.randomUUID()).then().statusCode(503);
        recommendationsOf("broken-" + UUID.randomUUID()).then().statusCode(503);
        assertThat(circuits.currentState(RecommenderClient.CIRCUIT)).isEqualTo(CircuitBreakerState.OPEN);

        String item = "item-" + UUID.randomUUID();
        recommender.answer("GET", "/items/" + item + "/similar", 200, "application/json",
                "{\"itemId\":\"" + item + "\",\"model\":\"fake@1\",\"items\":[]}");
        given().when().get("/api/v1/items/{id}/similar", item).then().statusCode(200);
    }

    @Test
    void everyAttemptCarriesTheCallersIdentity() {
        String user = "flaky-" + UUID.randomUUID(); // 500 once, then an answer
        recommendationsOf(user).then().statusCode(200);

        List<StubPeer.Received> attempts = recommender.receivedAt("/users/" + user + "/recommendations");
        assertThat(attempts).hasSize(2);
        assertThat(attempts).extracting(attempt -> attempt.header(ForwardedIdentity.USER_HEADER))
                .containsExactly(admin, admin);
        assertThat(attempts).extracting(attempt -> attempt.header(ForwardedIdentity.ROLES_HEADER))
                .containsExactly("admin,user", "admin,user");
    }

    private static io.restassured.response.Response putMetadata(String path) {
        return given().config(patientClient()).contentType("application/ld+json").body("{\"name\":\"Chair\"}")
                .when().put("/api/v1" + path);
    }

    private static io.restassured.response.Response recommendationsOf(String user) {
        return given().config(patientClient()).when().get("/api/v1/users/{id}/recommendations", user);
    }

    /** Longer than any wait of the gateway, so every answer here is the gateway's own. */
    private static RestAssuredConfig patientClient() {
        return RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 20_000));
    }
}
