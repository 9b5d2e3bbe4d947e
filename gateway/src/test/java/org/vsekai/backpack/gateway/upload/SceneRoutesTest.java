package org.vsekai.backpack.gateway.upload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakePeersResource.FakePeers;
import org.vsekai.backpack.gateway.testing.FakePeersResource.InjectFakePeers;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.StubPeer;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;

/**
 * The scene routes against a stand-in ingest-service: bodies stream through as they arrive (the service hears of an
 * upload before the client has sent all of it), are held to their limits while they stream, and answers come back
 * as the service gave them. Streamed limits are small in %test (scenes 4 MiB, frames 1 MiB, imports 2 MiB).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class SceneRoutesTest {

    private static final String GLB = "model/gltf-binary";
    private static final String ACCEPTED = "{\"sceneId\":\"s1\",\"jobId\":\"j1\",\"sha256\":\"ab\"}";

    @InjectFakePeers
    FakePeers peers;

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    CircuitBreakerMaintenance circuits;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void closeTheCircuits() {
        circuits.resetAll();
        ingest().answer("POST", "/scenes", new StubPeer.Answer(202, "application/json", ACCEPTED,
                Map.of("Location", "http://localhost:1/scenes/s1")));
    }

    @Test
    void anUploadStreamsToIngestBeforeTheClientHasSentItAll() throws Exception {
        String user = "user-" + UUID.randomUUID();
        byte[] first = random(1 << 20);
        byte[] second = random(1 << 20);
        long before = ingest().startedAt("/scenes");
        // The second half is only sent once the service has seen the request: a gateway holding the body would
        // never let it, and the upload would time out here.
        InputStream held = new InputStream() {
            private InputStream rest;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (rest == null) {
                    Awaitility.await().atMost(Duration.ofSeconds(20))
                            .until(() -> ingest().startedAt("/scenes") > before);
                    rest = new ByteArrayInputStream(second);
                }
                return rest.read(b, off, len);
            }
        };
        HttpResponse<String> response = http.send(post("/api/v1/scenes", GLB, TestTokens.user(user),
                        HttpRequest.BodyPublishers.ofInputStream(() ->
                                new SequenceInputStream(new ByteArrayInputStream(first), held))),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo(ACCEPTED);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/api/v1/scenes/s1"));
        StubPeer.Received received = ingest().lastAt("/scenes");
        assertThat(received.body()).isEqualTo(concat(first, second));
        assertThat(received.header("Content-Type")).isEqualTo(GLB);
        assertThat(received.header("Transfer-Encoding")).as("passed on as it came").isEqualTo("chunked");
        assertThat(received.header(ForwardedIdentity.USER_HEADER)).isEqualTo(user);
    }

    @Test
    void aChunkedUploadGrowingPastTheLimitIsCutOffWith413() throws Exception {
        long complete = ingest().receivedAt("/scenes").size();
        long aborted = ingest().abortedAt("/scenes");
        byte[] tooMuch = random((4 << 20) + 1);
        HttpResponse<String> response = http.send(post("/api/v1/scenes", GLB,
                        TestTokens.user("user-" + UUID.randomUUID()),
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooMuch))),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("body-too-large").contains("4194304 bytes");
        Awaitility.await("the call to the service was reset").atMost(Duration.ofSeconds(10))
                .until(() -> ingest().abortedAt("/scenes") > aborted);
        assertThat(ingest().receivedAt("/scenes")).as("no complete body reached the service")
                .hasSize((int) complete);
    }

    @Test
    void aDeclaredLengthPastTheLimitIs413BeforeAByteOfBody() throws IOException {
        long started = ingest().startedAt("/scenes");
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/scenes HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + GLB + "\r\n"
                    + "Authorization: Bearer " + TestTokens.user("user-" + UUID.randomUUID()) + "\r\n"
                    + "Content-Length: " + ((4 << 20) + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            String answer = new String(socket.getInputStream().readNBytes(400), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
        assertThat(ingest().startedAt("/scenes")).isEqualTo(started);
    }

    @Test
    void onlyTheThreeSceneFormatsAreTaken() {
        long started = ingest().startedAt("/scenes");
        given().header("Authorization", TestTokens.bearer(TestTokens.user("user-" + UUID.randomUUID())))
                .contentType("application/zip").body(new byte[] {1, 2, 3})
                .when().post("/api/v1/scenes")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("model/gltf-binary, model/gltf+json, application/x-godot-scene"));
        assertThat(ingest().startedAt("/scenes")).isEqualTo(started);
    }

    @Test
    void anUploadNeedsAToken() {
        given().contentType(GLB).body(new byte[] {1, 2, 3}).when().post("/api/v1/scenes")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theServicesRefusalOfABrokenFileIsRelayed() {
        String problem = "{\"type\":\"https://backpack.v-sekai.org/problems/invalid-scene-file\",\"title\":\"The "
                + "file is not valid\",\"status\":422,\"detail\":\"GLB_INVALID_MAGIC at byte 0: magic\","
                + "\"errors\":[{\"field\":\"byte 0\",\"message\":\"GLB_INVALID_MAGIC: magic\"}]}";
        ingest().answer("POST", "/scenes", 422, "application/problem+json", problem);
        given().header("Authorization", TestTokens.bearer(TestTokens.user("user-" + UUID.randomUUID())))
                .contentType(GLB).body(new byte[] {1, 2, 3, 4})
                .when().post("/api/v1/scenes")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("GLB_INVALID_MAGIC at byte 0: magic"))
                .body("errors[0].field", equalTo("byte 0"))
                .body("instance", equalTo("/api/v1/scenes"));
    }

    @Test
    void uploadsDrawFromTheUploadBucket() {
        String token = TestTokens.user("user-" + UUID.randomUUID());
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            int status = given().header("Authorization", TestTokens.bearer(token)).contentType(GLB)
                    .body(new byte[] {1}).when().post("/api/v1/scenes").then().extract().statusCode();
            accepted += status == 202 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }
        assertThat(accepted).as("the upload class's burst").isEqualTo(10);
        assertThat(limited).isEqualTo(2);
    }

    @Test
    void aFrameIsStreamedToItsCamera() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String path = "/scenes/s-" + user + "/cameras/1/frames";
        ingest().answer("POST", path, 202, "application/json", "{\"frameId\":\"f1\"}");
        byte[] png = random(300_000);
        HttpResponse<String> response = http.send(post("/api/v1" + path, "image/png", TestTokens.user(user),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(png))),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(ingest().lastAt(path).body()).isEqualTo(png);
        assertThat(ingest().lastAt(path).header("Content-Type")).isEqualTo("image/png");

        given().header("Authorization", TestTokens.bearer(TestTokens.user(user))).contentType("image/gif")
                .body(new byte[] {1}).when().post("/api/v1" + path).then().statusCode(415);
        byte[] big = random((1 << 20) + 1);
        HttpResponse<String> tooBig = http.send(post("/api/v1" + path, "image/png", TestTokens.user(user),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
    }

    @Test
    void aSceneAndTheQueueAreRelayed() {
        ingest().answer("GET", "/scenes/s7", 200, "application/json", "{\"sceneId\":\"s7\",\"state\":\"PARSED\"}");
        given().header("Authorization", TestTokens.bearer(TestTokens.user("user-" + UUID.randomUUID())))
                .when().get("/api/v1/scenes/s7").then().statusCode(200).body("state", equalTo("PARSED"));
        ingest().answer("GET", "/queue", 200, "application/json", "{\"jobs\":[]}");
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("admin-" + UUID.randomUUID())))
                .queryParam("state", "discarded").queryParam("limit", "5")
                .when().get("/api/v1/admin/jobs").then().statusCode(200);
        assertThat(ingest().lastAt("/queue").query()).isEqualTo("state=discarded&limit=5");
        given().header("Authorization", TestTokens.bearer(TestTokens.user("user-" + UUID.randomUUID())))
                .when().get("/api/v1/admin/jobs").then().statusCode(403);
        ingest().answer("GET", "/imports/i9", 200, "application/json", "{\"importId\":\"i9\",\"rowsWritten\":3}");
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("admin-" + UUID.randomUUID())))
                .when().get("/api/v1/admin/imports/i9").then().statusCode(200).body("rowsWritten", equalTo(3));
    }

    @Test
    void anImportIsForAdminsAndStreamedAsNdjson() throws Exception {
        ingest().answer("POST", "/imports", 202, "application/json", "{\"jobId\":\"i1\"}");
        byte[] lines = "{\"sceneId\":\"a\"}\n{\"sceneId\":\"b\"}\n".getBytes(StandardCharsets.UTF_8);
        given().header("Authorization", TestTokens.bearer(TestTokens.user("user-" + UUID.randomUUID())))
                .contentType("application/x-ndjson").body(lines).when().post("/api/v1/admin/import")
                .then().statusCode(403);
        HttpResponse<String> response = http.send(post("/api/v1/admin/import", "application/x-ndjson",
                TestTokens.admin("admin-" + UUID.randomUUID()),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(lines))),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(ingest().lastAt("/imports").body()).isEqualTo(lines);
        assertThat(ingest().lastAt("/imports").header(ForwardedIdentity.ROLES_HEADER)).contains("admin");
    }

    private StubPeer ingest() {
        return peers.ingest();
    }

    private HttpRequest post(String path, String type, String token, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", type).header("Authorization", TestTokens.bearer(token))
                .POST(body).build();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
