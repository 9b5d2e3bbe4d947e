package org.vsekai.backpack.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.gateway.testing.ActivityJson;
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
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;

/** Who may do what, and that the services learn who from the token only, never from the client's headers. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class AccessControlTest {

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

    private final String alice = "alice-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /api/v1/interactions",
            "POST, /api/v1/interactions:batch",
            "GET, /api/v1/users/u1/recommendations",
            "GET, /api/v1/users/u1/backpack",
            "DELETE, /api/v1/users/u1",
            "PUT, /api/v1/items/i1/metadata",
            "POST, /api/v1/jsonld/expand",
            "POST, /api/v1/jsonld/compact",
            "POST, /api/v1/jsonld/flatten",
            "POST, /api/v1/jsonld/frame",
            "GET, /api/v1/uploads",
            "GET, /api/v1/uploads/j1",
            "GET, /api/v1/models",
            "POST, /api/v1/infer/rf-detr",
            "POST, /api/v1/admin/training",
            "GET, /api/v1/admin/training/jobs",
            "GET, /api/v1/admin/training/jobs/j1"})
    void everyProtectedRouteRefusesACallWithoutAToken(String method, String path) {
        given().urlEncodingEnabled(false).contentType("application/json").body("{}")
                .when().request(method, path)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void anotherUsersIdInThePathIs403() {
        as(TestTokens.user(alice)).when().get("/api/v1/users/{id}/recommendations", bob)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/forbidden"));
        as(TestTokens.user(alice)).when().get("/api/v1/users/{id}/backpack", bob)
                .then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.user(alice)).when().delete("/api/v1/users/{id}", bob)
                .then().statusCode(403).contentType("application/problem+json");
        assertThat(recommender.queriesFor(bob)).as("the recommender was not asked").isEmpty();
    }

    @Test
    void anAdminMayReadAnyUsersRecommendations() {
        as(TestTokens.admin("admin-" + UUID.randomUUID())).when().get("/api/v1/users/{id}/recommendations", bob)
                .then().statusCode(200).body("userId", equalTo(bob));
    }

    @Test
    void aUserReportsOnlyTheirOwnInteractions() {
        as(TestTokens.user(alice)).contentType("application/ld+json")
                .body(ActivityJson.like(bob, "item-1").bytes())
                .when().post("/api/v1/interactions")
                .then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.user(alice)).contentType("application/ld+json")
                .body(ActivityJson.like(alice, "item-1").bytes())
                .when().post("/api/v1/interactions")
                .then().statusCode(202);
    }

    @Test
    void aBatchWithOneForeignActorIsRefusedWhole() {
        as(TestTokens.user(alice)).urlEncodingEnabled(false).contentType("application/ld+json")
                .body(ActivityJson.batch(List.of(ActivityJson.like(alice, "item-1"), ActivityJson.like(bob, "item-2"))))
                .when().post("/api/v1/interactions:batch")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void onlyAnAdminTrainsOrReadsJobs() {
        recommender.answer("POST", "/admin/training", 202, "application/json",
                "{\"id\":\"job-1\",\"state\":\"QUEUED\",\"trigger\":\"admin\"}");
        as(TestTokens.user(alice)).when().post("/api/v1/admin/training")
                .then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.user(alice)).when().get("/api/v1/admin/training/jobs")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().post("/api/v1/admin/training")
                .then().statusCode(401).contentType("application/problem+json");
        as(TestTokens.admin("admin-" + UUID.randomUUID())).when().post("/api/v1/admin/training")
                .then().statusCode(202)
                .header("Location", endsWith("/api/v1/admin/training/jobs/job-1"))
                .body("state", equalTo("QUEUED"));
    }

    @Test
    void aForgedIdentityHeaderIsIgnored() {
        // alice claims to be bob, and an admin, in the very headers the services trust.
        as(TestTokens.user(alice))
                .header(ForwardedIdentity.USER_HEADER, bob)
                .header(ForwardedIdentity.ROLES_HEADER, "admin")
                .header("x-backpack-user", bob)
                .when().get("/api/v1/users/{id}/recommendations", alice)
                .then().statusCode(200);

        StubPeer.Received received = recommender.lastAt("/users/" + alice + "/recommendations");
        assertThat(received.headers().get(ForwardedIdentity.USER_HEADER)).containsExactly(alice);
        assertThat(received.headers().get(ForwardedIdentity.ROLES_HEADER)).containsExactly("user");
    }

    @Test
    void aForgedRoleHeaderGrantsNothing() {
        as(TestTokens.user(alice)).header(ForwardedIdentity.ROLES_HEADER, "admin")
                .when().get("/api/v1/users/{id}/recommendations", bob)
                .then().statusCode(403);
        as(TestTokens.user(alice)).header(ForwardedIdentity.ROLES_HEADER, "admin")
                .when().post("/api/v1/admin/training")
                .then().statusCode(403);
    }

    @Test
    void anAnonymousCallForwardsNoIdentityEvenIfTheClientSendsOne() {
        recommender.answer("POST", "/recommendations", 200, "application/json",
                "{\"model\":\"fake@1\",\"items\":[{\"itemId\":\"item-9\",\"score\":1.0}]}");
        String marker = "item-" + UUID.randomUUID();
        given().header(ForwardedIdentity.USER_HEADER, bob).header(ForwardedIdentity.ROLES_HEADER, "admin")
                .contentType("application/json").body("{\"items\":[\"" + marker + "\"]}")
                .when().post("/api/v1/recommendations")
                .then().statusCode(200).body("items[0].itemId", equalTo("item-9"));

        StubPeer.Received received = recommender.receivedAt("/recommendations").stream()
                .filter(r -> r.bodyText().contains(marker)).findFirst().orElseThrow();
        assertThat(received.header(ForwardedIdentity.USER_HEADER)).isNull();
        assertThat(received.header(ForwardedIdentity.ROLES_HEADER)).isNull();
    }

    @Test
    void itemMetadataIsPublicToReadButNeedsATokenToWrite() {
        String item = "item-" + UUID.randomUUID();
        peers.metadata().answer("GET", "/items/" + item + "/metadata", new StubPeer.Answer(200,
                "application/ld+json", "{\"@id\":\"" + item + "\"}",
                java.util.Map.of("ETag", "\"3\"", "X-Backpack-Owner", alice)));
        peers.metadata().answer("PUT", "/items/" + item + "/metadata", 200, "application/json",
                "{\"itemId\":\"" + item + "\",\"version\":4}");

        given().when().get("/api/v1/items/{id}/metadata", item)
                .then().statusCode(200).contentType("application/ld+json").header("ETag", "\"3\"")
                .header("X-Backpack-Owner", alice)
                .body("'@id'", equalTo(item));
        given().contentType("application/ld+json").body("{}")
                .when().put("/api/v1/items/{id}/metadata", item)
                .then().statusCode(401).contentType("application/problem+json");
        assertThat(peers.metadata().receivedAt("/items/" + item + "/metadata"))
                .extracting(StubPeer.Received::method).containsExactly("GET");

        as(TestTokens.user(alice)).contentType("application/ld+json").body("{\"name\":\"chair\"}")
                .when().put("/api/v1/items/{id}/metadata", item)
                .then().statusCode(200).body("version", equalTo(4));
        StubPeer.Received put = peers.metadata().lastAt("/items/" + item + "/metadata");
        assertThat(put.method()).isEqualTo("PUT");
        // The metadata service decides ownership from this.
        assertThat(put.header(ForwardedIdentity.USER_HEADER)).isEqualTo(alice);
        assertThat(put.bodyText()).isEqualTo("{\"name\":\"chair\"}");
    }

    @Test
    void anUploadIsReadableByItsOwnerOrAnAdminOnly() {
        String job = UUID.randomUUID().toString();
        peers.ingest().answer("GET", "/jobs/" + job, 200, "application/json",
                "{\"id\":\"" + job + "\",\"sceneId\":\"" + UUID.randomUUID() + "\",\"ownerId\":\"" + alice
                        + "\",\"state\":\"STORED\"}");
        as(TestTokens.user(alice)).when().get("/api/v1/uploads/{id}", job)
                .then().statusCode(200).body("ownerId", equalTo(alice)).body("state", equalTo("STORED"));
        as(TestTokens.user(bob)).when().get("/api/v1/uploads/{id}", job)
                .then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.admin("admin-" + UUID.randomUUID())).when().get("/api/v1/uploads/{id}", job)
                .then().statusCode(200);
    }

    @Test
    void aUserListsOnlyTheirOwnUploads() {
        peers.ingest().answer("GET", "/jobs", 200, "application/json", "{\"jobs\":[]}");
        as(TestTokens.user(alice)).queryParam("owner", bob).when().get("/api/v1/uploads")
                .then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.user(alice)).queryParam("limit", "5").when().get("/api/v1/uploads")
                .then().statusCode(200).body("jobs", org.hamcrest.Matchers.empty());
        StubPeer.Received list = peers.ingest().lastAt("/jobs");
        assertThat(list.query()).isEqualTo("limit=5");
        assertThat(list.header(ForwardedIdentity.USER_HEADER)).isEqualTo(alice);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }
}
