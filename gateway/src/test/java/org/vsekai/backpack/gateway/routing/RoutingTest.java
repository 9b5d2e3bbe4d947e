package org.vsekai.backpack.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
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
import jakarta.inject.Inject;

/**
 * Every public route reaches its service with the path, query and body the service takes, and the service's answer
 * comes back as it was: entity, media type, entity headers, and problems with their status. The services are
 * stand-ins (peers outside the gateway, over HTTP).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class RoutingTest {

    @Inject
    CircuitBreakerMaintenance circuits;

    /** Another class's deliberate failures may have opened a circuit (%test keeps it open for a minute). */
    @BeforeEach
    void closeTheCircuits() {
        circuits.resetAll();
    }

    @InjectFakeRecommender
    FakeRecommender recommender;

    @InjectFakePeers
    FakePeers peers;

    private final String admin = "admin-" + UUID.randomUUID();

    @BeforeEach
    void authenticateAsAdmin() {
        TestTokens.sendWithEveryRequest(TestTokens.admin(admin));
    }

    @AfterEach
    void forgetTheToken() {
        TestTokens.sendNoToken();
    }

    @Test
    void similarItemsPassLimitAndKind() {
        String item = "item-" + UUID.randomUUID();
        recommender.answer("GET", "/items/" + item + "/similar", 200, "application/json",
                "{\"itemId\":\"" + item + "\",\"model\":\"rp3beta@1\",\"items\":[{\"itemId\":\"x\",\"score\":0.5}]}");
        given().queryParam("limit", 7).queryParam("kind", "avatar")
                .when().get("/api/v1/items/{id}/similar", item)
                .then().statusCode(200).body("model", equalTo("rp3beta@1")).body("items", hasSize(1));
        assertThat(recommender.lastAt("/items/" + item + "/similar").query()).isEqualTo("limit=7&kind=avatar");
    }

    @Test
    void aBackpackIsRelayedAsItIs() {
        String user = "user-" + UUID.randomUUID();
        recommender.answer("GET", "/users/" + user + "/backpack", 200, "application/json",
                "{\"userId\":\"" + user + "\",\"items\":[{\"itemId\":\"a\",\"kept\":true}],\"extra\":{\"n\":1}}");
        given().when().get("/api/v1/users/{id}/backpack", user)
                .then().statusCode(200).contentType("application/json")
                .body("items[0].kept", equalTo(true)).body("extra.n", equalTo(1));
        assertThat(recommender.lastAt("/users/" + user + "/backpack").header(ForwardedIdentity.USER_HEADER))
                .isEqualTo(admin);
        assertThat(recommender.lastAt("/users/" + user + "/backpack").header(ForwardedIdentity.ROLES_HEADER))
                .isEqualTo("admin,user");
    }

    @Test
    void trainingJobsAreListedAndRead() {
        recommender.answer("GET", "/admin/training/jobs", 200, "application/json",
                "[{\"id\":\"j1\",\"state\":\"SUCCEEDED\",\"modelVersion\":\"v1\"},{\"id\":\"j2\",\"state\":\"RUNNING\"}]");
        recommender.answer("GET", "/admin/training/jobs/j1", 200, "application/json",
                "{\"id\":\"j1\",\"state\":\"SUCCEEDED\",\"modelVersion\":\"v1\"}");
        given().when().get("/api/v1/admin/training/jobs")
                .then().statusCode(200).body("id", equalTo(java.util.List.of("j1", "j2")));
        given().when().get("/api/v1/admin/training/jobs/j1")
                .then().statusCode(200).body("modelVersion", equalTo("v1"));
        given().when().get("/api/v1/admin/training/jobs/nope")
                .then().statusCode(404).contentType("application/problem+json")
                .body("instance", equalTo("/api/v1/admin/training/jobs/nope"));
    }

    @Test
    void metadataWritesRelayStatusLocationAndEtag() {
        String item = "item-" + UUID.randomUUID();
        peers.metadata().answer("PUT", "/items/" + item + "/metadata", new StubPeer.Answer(201, "application/json",
                "{\"itemId\":\"" + item + "\",\"version\":1}",
                Map.of("Location", "http://localhost:1/items/" + item + "/metadata", "ETag", "\"1\"")));
        given().contentType("application/ld+json").body("{\"@context\":\"https://schema.org\",\"name\":\"Chair\"}")
                .when().put("/api/v1/items/{id}/metadata", item)
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/items/" + item + "/metadata"))
                .header("ETag", "\"1\"")
                .body("version", equalTo(1));
        assertThat(peers.metadata().lastAt("/items/" + item + "/metadata").header("Content-Type"))
                .startsWith("application/ld+json");
    }

    @Test
    void metadataReadsPassTheContext() {
        String item = "item-" + UUID.randomUUID();
        peers.metadata().answer("GET", "/items/" + item + "/metadata", 200, "application/ld+json", "{\"name\":\"x\"}");
        given().queryParam("context", "https://schema.org").when().get("/api/v1/items/{id}/metadata", item)
                .then().statusCode(200);
        assertThat(peers.metadata().lastAt("/items/" + item + "/metadata").query())
                .isEqualTo("context=https%3A%2F%2Fschema.org");
    }

    @Test
    void itemSearchPassesItsFiltersAndRelaysProblems() {
        peers.metadata().answer("GET", "/items", 200, "application/json", "{\"items\":[\"a\",\"b\"]}");
        given().queryParam("keyword", "chair").queryParam("kind", "prop").queryParam("limit", "5")
                .when().get("/api/v1/items")
                .then().statusCode(200).body("items", hasSize(2));
        assertThat(peers.metadata().lastAt("/items").query()).isEqualTo("keyword=chair&kind=prop&limit=5");

        given().queryParam("keyword", "chair").queryParam("limit", "500").when().get("/api/v1/items")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void jsonLdOperationsAreRoutedByName() {
        for (String operation : new String[] {"expand", "compact", "flatten", "frame"}) {
            peers.metadata().answer("POST", "/jsonld/" + operation, 200, "application/ld+json",
                    "{\"op\":\"" + operation + "\"}");
            given().contentType("application/json").body("{\"document\":{}}")
                    .when().post("/api/v1/jsonld/" + operation)
                    .then().statusCode(200).body("op", equalTo(operation));
        }
        peers.metadata().answer("POST", "/jsonld/compact", 422, "application/problem+json",
                "{\"type\":\"https://backpack.v-sekai.org/problems/jsonld-error\",\"title\":\"JSON-LD error\","
                        + "\"status\":422,\"detail\":\"loading remote context failed\"}");
        given().contentType("application/json").body("{\"document\":{}}")
                .when().post("/api/v1/jsonld/compact")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("loading remote context failed"))
                .body("instance", equalTo("/api/v1/jsonld/compact"));
    }

    @Test
    void itemAttributesArePublicAndAMissingItemIsRelayedAs404() {
        String scene = UUID.randomUUID().toString();
        peers.metadata().answer("GET", "/items/" + scene + "/attributes", 200, "application/json",
                "{\"itemId\":\"" + scene + "\",\"attributes\":{\"kind\":\"scene\"},\"detectedClasses\":[\"chair\"]}");
        given().when().get("/api/v1/items/{id}/attributes", scene).then().statusCode(200)
                .body("attributes.kind", equalTo("scene"))
                .body("detectedClasses[0]", equalTo("chair"));
        peers.metadata().answer("GET", "/items/gone-item/attributes", 404, "application/problem+json",
                "{\"type\":\"https://backpack.v-sekai.org/problems/item-metadata-not-found\",\"status\":404,"
                        + "\"title\":\"No metadata for this item\"}");
        given().when().get("/api/v1/items/{id}/attributes", "gone-item").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void scenePacketsAreReadable() {
        String scene = UUID.randomUUID().toString();
        peers.metadata().answer("GET", "/scenes/" + scene + "/packets", 200, "application/json",
                "{\"sceneId\":\"" + scene + "\",\"packets\":[]}");
        given().when().get("/api/v1/scenes/{id}/packets", scene).then().statusCode(200)
                .body("sceneId", equalTo(scene));
    }

    @Test
    void sharesAreManagedAtTheIngestServiceAsTheCaller() {
        String scene = UUID.randomUUID().toString();
        String friend = "friend-" + UUID.randomUUID();
        String share = "/scenes/" + scene + "/shares/" + friend;
        peers.ingest().answer("PUT", share, 201, null, "");
        peers.ingest().answer("DELETE", share, 204, null, "");
        peers.ingest().answer("GET", "/scenes/" + scene + "/shares", 200, "application/json",
                "{\"sceneId\":\"" + scene + "\",\"shares\":[{\"userId\":\"" + friend + "\"}]}");
        given().when().put("/api/v1/scenes/{id}/shares/{user}", scene, friend).then().statusCode(201);
        assertThat(peers.ingest().lastAt(share).method()).isEqualTo("PUT");
        assertThat(peers.ingest().lastAt(share).header("X-Backpack-User")).isEqualTo(admin);
        given().when().get("/api/v1/scenes/{id}/shares", scene).then().statusCode(200)
                .body("shares[0].userId", equalTo(friend));
        given().when().delete("/api/v1/scenes/{id}/shares/{user}", scene, friend).then().statusCode(204);
        assertThat(peers.ingest().lastAt(share).method()).isEqualTo("DELETE");
        peers.ingest().answer("PUT", share, 409, "application/problem+json",
                "{\"type\":\"https://backpack.v-sekai.org/problems/too-many-shares\",\"title\":\"Too many "
                        + "shares\",\"status\":409}");
        given().when().put("/api/v1/scenes/{id}/shares/{user}", scene, friend).then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/too-many-shares"));
    }

    @Test
    void posesAreReadAndSearchedAtTheIngestServiceAsTheCaller() {
        String scene = UUID.randomUUID().toString();
        peers.ingest().answer("GET", "/scenes/" + scene + "/poses", 200, "application/json",
                "{\"sceneId\":\"" + scene + "\",\"poses\":[{\"method\":\"triangulated-3d\"}]}");
        given().when().get("/api/v1/scenes/{id}/poses", scene).then().statusCode(200)
                .body("poses[0].method", equalTo("triangulated-3d"));
        assertThat(peers.ingest().lastAt("/scenes/" + scene + "/poses").header("X-Backpack-User")).isEqualTo(admin);

        String query = "{\"frameId\":\"" + UUID.randomUUID() + "\",\"limit\":3}";
        peers.ingest().answer("POST", "/poses/search", 200, "application/json",
                "{\"method\":\"single-camera-2d\",\"search\":\"EXACT\",\"indexed\":2,\"poses\":[]}");
        given().contentType("application/json").body(query).when().post("/api/v1/poses/search")
                .then().statusCode(200).body("indexed", equalTo(2));
        assertThat(peers.ingest().lastAt("/poses/search").bodyText()).isEqualTo(query);

        peers.ingest().answer("POST", "/poses/search", 422, "application/problem+json",
                "{\"type\":\"https://backpack.v-sekai.org/problems/pose/no-root\",\"status\":422,"
                        + "\"title\":\"The pose has no hips\"}");
        given().contentType("application/json").body("{\"points\":[]}").when().post("/api/v1/poses/search")
                .then().statusCode(422).body("type", equalTo("https://backpack.v-sekai.org/problems/pose/no-root"));
        int before = peers.ingest().receivedAt("/poses/search").size();
        given().contentType("application/json").body("{\"points\":\"" + "x".repeat(17 * 1024) + "\"}")
                .when().post("/api/v1/poses/search").then().statusCode(413);
        assertThat(peers.ingest().receivedAt("/poses/search")).as("not sent on").hasSize(before);
    }

    @Test
    void aServiceThatIsDownIs503Quickly() {
        StubPeer ingest = peers.ingest();
        ingest.stop();
        try {
            given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                            .setParam("http.socket.timeout", 5_000)))
                    .when().get("/api/v1/uploads/{id}", UUID.randomUUID())
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("https://backpack.v-sekai.org/problems/ingest-unavailable"));
        } finally {
            ingest.start();
        }
    }

    @Test
    void aServiceErrorIs503AndNotRelayed() {
        String item = "item-" + UUID.randomUUID();
        peers.metadata().answer("GET", "/items/" + item + "/metadata", 500, "text/plain", "stack trace with secrets");
        given().when().get("/api/v1/items/{id}/metadata", item)
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/metadata-unavailable"));
        // GET: retried (two retries by default).
        assertThat(peers.metadata().receivedAt("/items/" + item + "/metadata")).hasSize(3);
    }
}
