package org.vsekai.backpack.gateway.vision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakePeersResource.FakePeers;
import org.vsekai.backpack.gateway.testing.FakePeersResource.InjectFakePeers;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.StubPeer;
import org.vsekai.backpack.gateway.testing.TestClock;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;

/**
 * {@code GET /api/v1/models} and {@code POST /api/v1/infer/{model}} reach the vision-service (a stand-in over HTTP,
 * a peer outside the gateway) with the caller's identity, the image's bytes and media type and the caller's Accept,
 * and its answers and problems come back as they were; inference draws from its own rate class (its body limit:
 * BodyLimitTest).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class VisionRoutesTest {

    private static final String INFERENCE = "{\"model\":\"rf-detr\",\"modelVersion\":\"0123456789ab\","
            + "\"task\":\"detection\",\"imageWidth\":4,\"imageHeight\":3,\"detections\":[{\"label\":\"person\"}]}";
    private static final String SERVER_ERROR = "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\","
            + "\"status\":500}";

    @Inject
    CircuitBreakerMaintenance circuits;

    @Inject
    TestClock clock;

    @InjectFakePeers
    FakePeers peers;

    private final String user = "user-" + UUID.randomUUID();
    /** A model name of this test alone, so the stand-in's requests of this test are told apart. */
    private final String model = "model-" + UUID.randomUUID();

    @BeforeEach
    void closeTheCircuits() {
        circuits.resetAll();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theModelsAreRelayedWithTheCallersIdentity() {
        peers.vision().answer("GET", "/models", 200, "application/json",
                "{\"models\":[{\"name\":\"rf-detr\",\"version\":\"0123456789ab\",\"task\":\"detection\"}]}");

        asUser().when().get("/api/v1/models")
                .then().statusCode(200).contentType("application/json")
                .body("models[0].name", equalTo("rf-detr")).body("models[0].version", equalTo("0123456789ab"));

        StubPeer.Received received = peers.vision().lastAt("/models");
        assertThat(received.header(ForwardedIdentity.USER_HEADER)).isEqualTo(user);
        assertThat(received.header(ForwardedIdentity.ROLES_HEADER)).isEqualTo("user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/png", "image/jpeg", "application/octet-stream"})
    void anImageReachesTheServiceAsItsBytesAndMediaType(String mediaType) {
        peers.vision().answer("POST", inferPath(), 200, "application/json", INFERENCE);
        byte[] image = randomBytes(200_000);

        asUser().contentType(mediaType).body(image)
                .when().post("/api/v1/infer/{model}", model)
                .then().statusCode(200).contentType("application/json")
                .body("detections[0].label", equalTo("person")).body("imageWidth", equalTo(4));

        StubPeer.Received received = peers.vision().lastAt(inferPath());
        assertThat(received.body()).isEqualTo(image);
        assertThat(received.header("Content-Type")).isEqualTo(mediaType);
        assertThat(received.header("Accept")).doesNotContain("application/ld+json");
        assertThat(received.header(ForwardedIdentity.USER_HEADER)).isEqualTo(user);
    }

    @Test
    void theJsonLdVariantIsAskedForAndComesBackAsJsonLd() {
        peers.vision().answer("POST", inferPath(), 200, "application/ld+json",
                "{\"@context\":\"https://backpack.v-sekai.org/contexts/vision.jsonld\",\"model\":\"rf-detr\"}");

        asUser().contentType("image/png").accept("application/ld+json").body(randomBytes(100))
                .when().post("/api/v1/infer/{model}", model)
                .then().statusCode(200).contentType("application/ld+json")
                .body("'@context'", equalTo("https://backpack.v-sekai.org/contexts/vision.jsonld"));

        assertThat(peers.vision().lastAt(inferPath()).header("Accept")).isEqualTo("application/ld+json");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "404, vision/unknown-model",
            "413, vision/image-too-large",
            "413, vision/too-many-pixels",
            "415, vision/unsupported-image",
            "400, vision/undecodable-image",
            "503, vision/busy",
            "503, vision/timeout"})
    void theServicesProblemsAreRelayedWithTheirStatusAndType(int status, String type) {
        String detail = "told by the vision-service " + UUID.randomUUID();
        peers.vision().answer("POST", inferPath(), status, "application/problem+json",
                "{\"type\":\"https://backpack.v-sekai.org/problems/" + type + "\",\"title\":\"Refused\",\"status\":"
                        + status + ",\"detail\":\"" + detail + "\",\"instance\":\"/infer/" + model + "\"}");

        asUser().contentType("image/png").body(randomBytes(100))
                .when().post("/api/v1/infer/{model}", model)
                .then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/" + type))
                .body("detail", equalTo(detail))
                .body("instance", equalTo("/api/v1/infer/" + model));
        assertThat(peers.vision().receivedAt(inferPath())).hasSize(1);
    }

    @Test
    void aServiceFailureIsVisionUnavailableAndNotRelayed() {
        peers.vision().answer("POST", inferPath(), 503, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"secret\"}");

        asUser().contentType("image/png").body(randomBytes(100))
                .when().post("/api/v1/infer/{model}", model)
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/vision-unavailable"))
                .body("detail", not(containsString("secret")));
    }

    @Test
    void theModelListIsRetriedAndAnInferenceIsNot() {
        peers.vision().answer("GET", "/models", 500, "application/problem+json", SERVER_ERROR);
        peers.vision().answer("POST", inferPath(), 500, "application/problem+json", SERVER_ERROR);
        int listed = peers.vision().receivedAt("/models").size();

        asUser().when().get("/api/v1/models").then().statusCode(503)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/vision-unavailable"));
        asUser().contentType("image/png").body(randomBytes(100)).when().post("/api/v1/infer/{model}", model)
                .then().statusCode(503)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/vision-unavailable"));

        // Two retries by default (quarkus.fault-tolerance.global.retry.max-retries).
        assertThat(peers.vision().receivedAt("/models")).hasSize(listed + 3);
        assertThat(peers.vision().receivedAt(inferPath())).hasSize(1);
    }

    @Test
    void aBusyServiceIsNotRetriedAndDoesNotOpenTheCircuit() {
        peers.vision().answer("GET", "/models", 200, "application/json", "{\"models\":[]}");
        peers.vision().answer("POST", inferPath(), 503, "application/problem+json",
                "{\"type\":\"https://backpack.v-sekai.org/problems/vision/busy\",\"title\":\"Inference is saturated\","
                        + "\"status\":503}");
        // Past the circuit's request volume (10, half of them failing), were busy answers counted as failures.
        for (int i = 0; i < 10; i++) {
            as("user-" + UUID.randomUUID()).contentType("image/png").body(randomBytes(100))
                    .when().post("/api/v1/infer/{model}", model)
                    .then().statusCode(503).body("type", equalTo("https://backpack.v-sekai.org/problems/vision/busy"));
        }
        assertThat(peers.vision().receivedAt(inferPath())).hasSize(10);

        peers.vision().answer("POST", inferPath(), 200, "application/json", INFERENCE);
        asUser().contentType("image/png").body(randomBytes(100)).when().post("/api/v1/infer/{model}", model)
                .then().statusCode(200);
    }

    @Test
    void withoutATokenNeitherRouteReachesTheService() {
        given().when().get("/api/v1/models")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().contentType("image/png").body(randomBytes(100)).when().post("/api/v1/infer/{model}", model)
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        assertThat(peers.vision().receivedAt(inferPath())).isEmpty();
    }

    @Test
    void inferenceDrawsFromItsOwnBucket() {
        clock.set(Instant.now()); // stopped: no token comes back while the bucket drains
        peers.vision().answer("POST", inferPath(), 200, "application/json", INFERENCE);
        peers.vision().answer("GET", "/models", 200, "application/json", "{\"models\":[]}");
        int served = 0;
        int status;
        do {
            status = asUser().contentType("image/png").body(randomBytes(10))
                    .when().post("/api/v1/infer/{model}", model).then().extract().statusCode();
            served += status == 200 ? 1 : 0;
        } while (status == 200 && served <= 10);

        assertThat(served).as("backpack.gateway.rate-limits.classes.inference.capacity").isEqualTo(10);
        asUser().contentType("image/png").body(randomBytes(10)).when().post("/api/v1/infer/{model}", model)
                .then().statusCode(429).body("detail", containsString("too many inference requests"));
        // The caller's read bucket is another.
        asUser().when().get("/api/v1/models").then().statusCode(200);
    }

    @Test
    void aWavReachesVoiceActivityAsItsBytesItsProblemsComeBackAndAnOversizeOneDoesNot() {
        String segments = "{\"model\":\"silero-vad\",\"modelVersion\":\"0123456789ab\",\"sampleRate\":22050,"
                + "\"channels\":1,\"durationMs\":3000,\"segments\":[{\"startMs\":1000,\"endMs\":2000}]}";
        peers.vision().answer("POST", "/audio/segments", 200, "application/json", segments);
        byte[] wav = randomBytes(50_000);

        asUser().contentType("audio/wav").body(wav).when().post("/api/v1/audio/segments")
                .then().statusCode(200).contentType("application/json")
                .body("segments[0].startMs", equalTo(1000)).body("segments[0].endMs", equalTo(2000));
        StubPeer.Received received = peers.vision().lastAt("/audio/segments");
        assertThat(received.body()).isEqualTo(wav);
        assertThat(received.header("Content-Type")).isEqualTo("audio/wav");
        assertThat(received.header(ForwardedIdentity.USER_HEADER)).isEqualTo(user);

        peers.vision().answer("POST", "/audio/segments", 400, "application/problem+json",
                "{\"type\":\"https://backpack.v-sekai.org/problems/audio/bad-wav\",\"title\":\"Not a readable WAV\","
                        + "\"status\":400,\"detail\":\"Not a WAV the service reads: the body is not a RIFF file\"}");
        asUser().contentType("audio/wav").body(randomBytes(10)).when().post("/api/v1/audio/segments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/audio/bad-wav"));

        int reached = peers.vision().receivedAt("/audio/segments").size();
        // Expect: 100-continue, so the client waits for the answer instead of writing a megabyte to a connection
        // that the gateway closes after its 413 (refused from the declared length, before a byte is read).
        asUser().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false))
                        .httpClient(HttpClientConfig.httpClientConfig().setParam("http.protocol.expect-continue", true)))
                .contentType("audio/wav").body(new byte[1024 * 1024 + 1]).when().post("/api/v1/audio/segments")
                .then().statusCode(413).body("type", equalTo("https://backpack.v-sekai.org/problems/body-too-large"));
        assertThat(peers.vision().receivedAt("/audio/segments")).as("max-audio-body, 1 MiB in tests")
                .hasSize(reached);
    }

    @ParameterizedTest
    @CsvSource({
            "/audio/transcriptions, audio/wav, application/json, 1048577",
            "/audio/speech-to-speech, audio/wav, audio/wav, 1048577",
            "/audio/speech, application/json, audio/wav, 65537",
            "/embeddings, application/json, application/json, 65537"})
    void speechAndEmbeddingsReachTheServiceAsTheirBytesTheirProblemsComeBackAndOversizeOnesDoNot(
            String path, String sent, String answered, int oversize) {
        String answer = "answer of " + path + " " + UUID.randomUUID();
        peers.vision().answer("POST", path, 200, answered, answer);
        byte[] body = randomBytes(20_000);

        String relayed = asUser().contentType(sent).body(body).when().post("/api/v1" + path)
                .then().statusCode(200).contentType(answered).extract().asString();
        assertThat(relayed).as("the service's answer, byte for byte").isEqualTo(answer);
        StubPeer.Received received = peers.vision().lastAt(path);
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.header("Content-Type")).isEqualTo(sent);
        assertThat(received.header(ForwardedIdentity.USER_HEADER)).isEqualTo(user);

        // The service's 4xx problem and its answered 503 come back with their status and type.
        String bad = "https://backpack.v-sekai.org/problems/" + (path.startsWith("/embeddings")
                ? "embeddings/no-texts" : "audio/bad-wav");
        peers.vision().answer("POST", path, 400, "application/problem+json",
                "{\"type\":\"" + bad + "\",\"title\":\"Bad\",\"status\":400}");
        asUser().contentType(sent).body(randomBytes(10)).when().post("/api/v1" + path)
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo(bad));
        String noModel = "https://backpack.v-sekai.org/problems/" + (path.startsWith("/embeddings")
                ? "embeddings/disabled" : "audio/no-model");
        peers.vision().answer("POST", path, 503, "application/problem+json",
                "{\"type\":\"" + noModel + "\",\"title\":\"No model\",\"status\":503}");
        asUser().contentType(sent).body(randomBytes(10)).when().post("/api/v1" + path)
                .then().statusCode(503).body("type", equalTo(noModel));

        int reached = peers.vision().receivedAt(path).size();
        asUser().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false))
                        .httpClient(HttpClientConfig.httpClientConfig().setParam("http.protocol.expect-continue", true)))
                .contentType(sent).body(new byte[oversize]).when().post("/api/v1" + path)
                .then().statusCode(413).body("type", equalTo("https://backpack.v-sekai.org/problems/body-too-large"));
        assertThat(peers.vision().receivedAt(path)).as("max-audio-body 1 MiB, max-text-body 64 KiB in tests")
                .hasSize(reached);

        given().contentType(sent).body(body).when().post("/api/v1" + path).then().statusCode(401);
    }

    @Test
    void anItemSearchReachesTheServiceWithItsQueryAndItsAnswerComesBack() {
        String found = "{\"query\":\"old castle\",\"method\":\"exact\",\"indexed\":2,"
                + "\"items\":[{\"itemId\":\"castle-1\",\"kind\":\"map\",\"score\":0.61}]}";
        peers.vision().answer("GET", "/items/search", 200, "application/json", found);

        // Unencoded, as curl sends it: RestAssured would write the colon as %3A, which routes match literally.
        asUser().urlEncodingEnabled(false).when().get("/api/v1/items:search?q=old%20castle&kind=map&limit=3")
                .then().statusCode(200).body("items[0].itemId", equalTo("castle-1")).body("method", equalTo("exact"));
        StubPeer.Received received = peers.vision().lastAt("/items/search");
        assertThat(received.header(ForwardedIdentity.USER_HEADER)).isEqualTo(user);
        assertThat(java.net.URLDecoder.decode(received.query(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("q=old castle").contains("kind=map").contains("limit=3");

        int reached = peers.vision().receivedAt("/items/search").size();
        asUser().urlEncodingEnabled(false).when().get("/api/v1/items:search").then().statusCode(400)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/search/no-query"));
        asUser().urlEncodingEnabled(false).when().get("/api/v1/items:search?q=castle&limit=101")
                .then().statusCode(400);
        assertThat(peers.vision().receivedAt("/items/search")).hasSize(reached);
        given().urlEncodingEnabled(false).when().get("/api/v1/items:search?q=castle").then().statusCode(401);
    }

    @Test
    void theApiDescribesBothOperationsAndTheirProblems() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/models"))
                .body("paths", hasKey("/api/v1/infer/{model}"))
                .body("paths", hasKey("/api/v1/audio/segments"))
                .body("paths", hasKey("/api/v1/audio/transcriptions"))
                .body("paths", hasKey("/api/v1/audio/speech"))
                .body("paths", hasKey("/api/v1/audio/speech-to-speech"))
                .body("paths", hasKey("/api/v1/embeddings"))
                .body("paths", hasKey("/api/v1/items:search"))
                .body("paths.'/api/v1/embeddings'.post.security[0]", hasKey("bearer"))
                .body("paths.'/api/v1/embeddings'.post.responses.keySet()", hasItems("200", "400", "413", "429", "503"))
                .body("paths.'/api/v1/audio/speech'.post.responses.'200'.content.keySet()", hasItems("audio/wav"))
                .body("paths.'/api/v1/models'.get.security[0]", hasKey("bearer"))
                .body("paths.'/api/v1/models'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ModelCatalog"))
                .body("paths.'/api/v1/infer/{model}'.post.security[0]", hasKey("bearer"))
                .body("paths.'/api/v1/infer/{model}'.post.requestBody.content.keySet()",
                        hasItems("image/png", "image/jpeg", "application/octet-stream"))
                .body("paths.'/api/v1/infer/{model}'.post.responses.'200'.content.keySet()",
                        hasItems("application/json", "application/ld+json"))
                .body("paths.'/api/v1/infer/{model}'.post.responses.keySet()",
                        hasItems("200", "400", "404", "413", "415", "429", "503"))
                .body("paths.'/api/v1/infer/{model}'.post.responses.'404'.description",
                        containsString("unknown-model"))
                .body("tags.name", hasItems("Vision"));
    }

    private String inferPath() {
        return "/infer/" + model;
    }

    private RequestSpecification asUser() {
        return as(user);
    }

    /** As the caller sends it: RestAssured would add a charset to an image's media type. */
    private static RequestSpecification as(String subject) {
        return given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Authorization", TestTokens.bearer(TestTokens.user(subject)));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
