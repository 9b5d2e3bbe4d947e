package org.vsekai.backpack.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakePeersResource.FakePeers;
import org.vsekai.backpack.gateway.testing.FakePeersResource.InjectFakePeers;
import org.vsekai.backpack.gateway.testing.FakeRecommender;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource.InjectFakeRecommender;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/** Each route's own body limit, refused as a problem before the body reaches a service. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class BodyLimitTest {

    /** %test: backpack.gateway.limits.max-image-body. */
    private static final int MAX_IMAGE_BODY = 1024 * 1024;

    @InjectFakeRecommender
    FakeRecommender recommender;

    @InjectFakePeers
    FakePeers peers;

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void anOversizedSessionIs413AndNeverReachesTheRecommender() {
        String marker = "item-" + UUID.randomUUID();
        String body = "{\"items\":[\"" + marker + "\"],\"kind\":\"" + "k".repeat(16 * 1024) + "\"}";
        given().contentType("application/json").body(body)
                .when().post("/api/v1/recommendations")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/body-too-large"))
                .body("detail", containsString("16384 bytes"));
        assertThat(recommender.receivedAt("/recommendations")).noneMatch(r -> r.bodyText().contains(marker));
    }

    @Test
    void anOversizedMetadataDocumentIs413() {
        String item = "item-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(TestTokens.user("user-" + UUID.randomUUID())))
                .contentType("application/ld+json").body("{\"name\":\"" + "n".repeat(1024 * 1024) + "\"}")
                .when().put("/api/v1/items/{id}/metadata", item)
                .then().statusCode(413).contentType("application/problem+json");
        assertThat(peers.metadata().receivedAt("/items/" + item + "/metadata")).isEmpty();
    }

    @Test
    void aBodyWhereNoneBelongsIsHeldToTheSmallLimit() {
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("admin-" + UUID.randomUUID())))
                .contentType("application/json").body("x".repeat(5000))
                .when().post("/api/v1/admin/training")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("4096 bytes"));
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIs413AsAProblem() throws Exception {
        String item = "item-" + UUID.randomUUID();
        HttpResponse<String> response = sendChunked("PUT", "/api/v1/items/" + item + "/metadata",
                TestTokens.user("user-" + UUID.randomUUID()),
                "{\"name\":\"" + "n".repeat(2 * 1024 * 1024) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("body-too-large").contains("1048576 bytes");
        assertThat(peers.metadata().receivedAt("/items/" + item + "/metadata")).isEmpty();
    }

    @Test
    void anImageAtItsLimitReachesTheVisionServiceWholeAndOneByteMoreIs413() {
        String path = "/infer/model-" + UUID.randomUUID();
        peers.vision().answer("POST", path, 200, "application/json", "{\"model\":\"m\"}");
        byte[] atLimit = new byte[MAX_IMAGE_BODY];
        ThreadLocalRandom.current().nextBytes(atLimit);
        String user = TestTokens.user("user-" + UUID.randomUUID());

        given().header("Authorization", TestTokens.bearer(user)).contentType("image/png").body(atLimit)
                .when().post("/api/v1" + path)
                .then().statusCode(200);
        assertThat(peers.vision().lastAt(path).body()).isEqualTo(atLimit);

        // Expect: 100-continue, so the client waits for the answer instead of writing a megabyte to a connection
        // that the gateway closes after its 413 (refused from the declared length, before a byte is read).
        given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.protocol.expect-continue", true)))
                .header("Authorization", TestTokens.bearer(user)).contentType("image/png")
                .body(new byte[MAX_IMAGE_BODY + 1])
                .when().post("/api/v1" + path)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/body-too-large"))
                .body("detail", containsString(MAX_IMAGE_BODY + " bytes"));
        assertThat(peers.vision().receivedAt(path)).hasSize(1);
    }

    @Test
    void aChunkedImageThatGrowsPastItsLimitIs413AsAProblem() throws Exception {
        String path = "/infer/model-" + UUID.randomUUID();
        HttpResponse<String> response = sendChunked("POST", "/api/v1" + path,
                TestTokens.user("user-" + UUID.randomUUID()), "i".repeat(MAX_IMAGE_BODY + 64 * 1024));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("body-too-large").contains(MAX_IMAGE_BODY + " bytes");
        assertThat(peers.vision().receivedAt(path)).isEmpty();
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRelayedWhole() throws Exception {
        recommender.answer("POST", "/recommendations", 200, "application/json", "{\"model\":\"fake@1\",\"items\":[]}");
        String marker = "item-" + UUID.randomUUID();

        HttpResponse<String> response = sendChunked("POST", "/api/v1/recommendations",
                TestTokens.user("user-" + UUID.randomUUID()), "{\"items\":[\"" + marker + "\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(recommender.receivedAt("/recommendations")).anyMatch(r -> r.bodyText().contains(marker));
    }

    @Test
    void overHttp2BodilessAndUnknownLengthRequestsReachTheirServices() throws Exception {
        // The JDK client asks for h2c on its first request and speaks HTTP/2 from then on; without Content-Length
        // (a bodiless PUT, a streamed body) each used to be failed by the gateway (500) once read to its end.
        String scene = UUID.randomUUID().toString();
        String share = "/scenes/" + scene + "/shares/friend-1";
        peers.ingest().answer("PUT", share, 201, null, "");
        recommender.answer("POST", "/recommendations", 200, "application/json", "{\"model\":\"fake@1\",\"items\":[]}");
        HttpClient h2c = HttpClient.newHttpClient();
        String token = TestTokens.bearer(TestTokens.user("user-" + UUID.randomUUID()));
        List<HttpClient.Version> versions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> shared = h2c.send(HttpRequest.newBuilder(gateway.resolve("/api/v1" + share))
                    .header("Authorization", token).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(shared.statusCode()).as("%s: %s", shared.version(), shared.body()).isEqualTo(201);
            byte[] session = "{\"items\":[\"item-1\"]}".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> streamed = h2c.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/recommendations"))
                    .header("Authorization", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(session))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(streamed.statusCode()).as("%s: %s", streamed.version(), streamed.body()).isEqualTo(200);
            versions.add(streamed.version());
        }
        assertThat(versions).contains(HttpClient.Version.HTTP_2);
    }

    /** Sends a body of unknown length (HTTP/1.1 chunked, no Content-Length), as a streaming client does. */
    private HttpResponse<String> sendChunked(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path))
                .header("Authorization", TestTokens.bearer(token))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
