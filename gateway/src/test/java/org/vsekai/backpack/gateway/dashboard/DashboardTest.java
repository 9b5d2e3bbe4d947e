package org.vsekai.backpack.gateway.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
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
import org.vsekai.backpack.testkit.TopicProbe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The admin dashboard's data on the real broker, with stand-ins for the services (peers outside the gateway): who may
 * read it, what the services' parts are made of and with whose identity they are asked, Kafka's figures moving when
 * records are written (in the snapshot and at /q/metrics), detections arriving, the live stream, the frame relay.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class DashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DASHBOARD = "/api/v1/admin/dashboard";

    @InjectFakePeers
    FakePeers peers;

    @InjectFakeRecommender
    FakeRecommender recommender;

    @TestHTTPResource("/")
    URI root;

    private final String admin = "ops-" + UUID.randomUUID();
    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void onlyAdminsReadIt() {
        given().when().get(DASHBOARD).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(TestTokens.user("someone"))).when().get(DASHBOARD)
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.user("someone"))).when()
                .get(DASHBOARD + "/events").then().statusCode(403);
        asAdmin().when().get(DASHBOARD).then().statusCode(200);
        // The page itself is static and public; what it shows needs the token.
        given().when().get("/admin/").then().statusCode(200).contentType("text/html");
        given().when().get("/admin/dashboard.js").then().statusCode(200);
    }

    @Test
    void theServicesPartsAreAskedForWithTheAdminsIdentity() throws Exception {
        peers.ingest().answer("GET", "/queue", 200, "application/json", """
                {"counts": {"AVAILABLE": 2, "EXECUTING": 1, "RETRYABLE": 1, "COMPLETED": 40, "DISCARDED": 3},
                 "jobs": [{"kind": "parse-scene", "subject": "s-1", "state": "DISCARDED", "attempt": 5,
                           "lastError": "poison input: GLB_LENGTH_MISMATCH"}]}""");
        peers.vision().answer("GET", "/models", 200, "application/json",
                "{\"models\":[{\"name\":\"rf-detr\",\"version\":\"0123456789ab\",\"task\":\"detection\"}]}");
        recommender.answer("GET", "/admin/training/jobs", 200, "application/json",
                "[{\"id\":\"t-1\",\"state\":\"SUCCEEDED\",\"trigger\":\"admin\",\"modelVersion\":\"v-42\","
                        + "\"interactions\":1234,\"evaluation\":{\"algorithm\":\"ials\",\"ndcgAt10\":0.3125,"
                        + "\"precisionAt10\":0.1,\"recallAt10\":0.45,\"evaluatedUsers\":17}}]");

        JsonNode snapshot = JSON.readTree(asAdmin().when().get(DASHBOARD).then().statusCode(200).extract().asString());

        assertThat(snapshot.path("jobs").path("counts").path("COMPLETED").asInt()).isEqualTo(40);
        assertThat(snapshot.path("jobs").path("lastErrors").get(0).path("error").asText())
                .isEqualTo("poison input: GLB_LENGTH_MISMATCH");
        assertThat(snapshot.path("visionModels").path("models").get(0).path("version").asText())
                .isEqualTo("0123456789ab");
        assertThat(snapshot.path("training").get(0).path("modelVersion").asText()).isEqualTo("v-42");
        JsonNode figures = snapshot.path("training").get(0).path("evaluation");
        assertThat(figures.path("ndcgAt10").doubleValue()).isEqualTo(0.3125);
        assertThat(figures.path("recallAt10").doubleValue()).isEqualTo(0.45);
        assertThat(figures.path("evaluatedUsers").intValue()).isEqualTo(17);
        for (StubPeer peer : List.of(peers.ingest(), peers.vision(), recommender)) {
            String path = peer == peers.ingest() ? "/queue" : peer == recommender ? "/admin/training/jobs" : "/models";
            StubPeer.Received received = peer.lastAt(path);
            assertThat(received.header(ForwardedIdentity.USER_HEADER)).as(path).isEqualTo(admin);
            assertThat(received.header(ForwardedIdentity.ROLES_HEADER)).as(path).contains("admin");
        }
    }

    @Test
    void aServiceThatDoesNotAnswerLeavesItsPartUnavailableAndTheRestStands() throws Exception {
        peers.vision().answer("GET", "/models", 500, "application/json", "{}");

        JsonNode snapshot = JSON.readTree(asAdmin().when().get(DASHBOARD).then().statusCode(200).extract().asString());

        assertThat(snapshot.path("visionModels").path("unavailable").asText()).startsWith("vision");
        assertThat(snapshot.path("topics").isArray()).isTrue();
    }

    @Test
    void writtenRecordsMoveTheTopicsFiguresAndTheMetrics() throws Exception {
        String group = "dashboard-test-" + UUID.randomUUID();
        long before = recordsOf(Topics.USER_ERASURES_NAME);
        double metricBefore = metric("backpack_kafka_topic_records_total", Map.of("topic", Topics.USER_ERASURES_NAME));
        for (int i = 0; i < 5; i++) {
            probe.send(Topics.USER_ERASURES_NAME, "k-" + i, "{}");
        }
        // A consumer group that has committed offset 0 everywhere lags by every record of the topic.
        commitAtStart(group, Topics.USER_ERASURES_NAME);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long after = recordsOf(Topics.USER_ERASURES_NAME);
            assertThat(after).isEqualTo(before + 5);
            assertThat(metric("backpack_kafka_topic_records_total", Map.of("topic", Topics.USER_ERASURES_NAME)))
                    .isEqualTo(metricBefore + 5);
            assertThat(metric("backpack_kafka_consumer_lag", Map.of("topic", Topics.USER_ERASURES_NAME,
                    "group", group))).isEqualTo((double) after);
            assertThat(topicOf(Topics.USER_ERASURES_NAME).path("lagByGroup").path(group).asLong()).isEqualTo(after);
        });
        assertThat(metric("backpack_kafka_topic_rate", Map.of("topic", Topics.USER_ERASURES_NAME)))
                .isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void theNewestDetectionsAreKeptForThePage() throws Exception {
        UUID sceneId = UUID.randomUUID();
        List<UUID> sent = new ArrayList<>();
        // The page's consumer reads from the end: records sent before it was assigned are not seen, so send until one is.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            UUID eventId = UUID.randomUUID();
            sent.add(eventId);
            Detections found = new Detections(1, eventId, sceneId, UUID.randomUUID(), "rf-detr", "0123456789ab",
                    List.of(new Detection("chair", 0.9, new BoundingBox(10, 20, 30, 40), null, 56, null, null, null)),
                    "1", 320, 240, Instant.parse("2026-12-03T08:00:00Z"), null);
            probe.send(Topics.DETECTIONS_NAME, sceneId.toString(), EventJson.write(found));
            JsonNode detections = JSON.readTree(asAdmin().get(DASHBOARD).then().extract().asString())
                    .path("detections");
            for (JsonNode detection : detections) {
                if (sent.contains(UUID.fromString(detection.path("eventId").asText()))) {
                    assertThat(detection.path("detections").get(0).path("box").path("width").asDouble())
                            .isEqualTo(30.0);
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void theStreamSendsASnapshotAtOnceAndThenAgain() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(root.resolve(DASHBOARD + "/events"))
                .header("Authorization", TestTokens.bearer(TestTokens.admin(admin)))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while (events.size() < 2 && (line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(JSON.readTree(line.substring(5)));
                }
            }
        }
        assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event.path("topics").isArray()).isTrue());
    }

    @Test
    void aFramesImageIsRelayedFromIngest() {
        String scene = UUID.randomUUID().toString();
        String frame = UUID.randomUUID().toString();
        peers.ingest().answer("GET", "/scenes/" + scene + "/frames/" + frame + "/image", 200, "image/png",
                "not really a png");

        byte[] image = asAdmin().when().get(DASHBOARD + "/frames/{scene}/{frame}", scene, frame)
                .then().statusCode(200).contentType("image/png").extract().asByteArray();

        assertThat(new String(image, StandardCharsets.UTF_8)).isEqualTo("not really a png");
        assertThat(peers.ingest().lastAt("/scenes/" + scene + "/frames/" + frame + "/image")
                .header(ForwardedIdentity.USER_HEADER)).isEqualTo(admin);
    }

    private io.restassured.specification.RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.admin(admin)));
    }

    private long recordsOf(String topic) throws Exception {
        return topicOf(topic).path("records").asLong();
    }

    private JsonNode topicOf(String topic) throws Exception {
        JsonNode snapshot = JSON.readTree(asAdmin().get(DASHBOARD).then().statusCode(200).extract().asString());
        for (JsonNode figures : snapshot.path("topics")) {
            if (figures.path("topic").asText().equals(topic)) {
                return figures;
            }
        }
        return JSON.createObjectNode();
    }

    /** A meter's value in the Prometheus text at /q/metrics with these tags; NaN when it is not there. */
    private static double metric(String name, Map<String, String> tags) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(text);
        while (matcher.find()) {
            Map<String, String> found = new HashMap<>();
            for (String pair : matcher.group(1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    found.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                }
            }
            if (found.entrySet().containsAll(tags.entrySet())) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return Double.NaN;
    }

    private static void commitAtStart(String group, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            consumer.partitionsFor(topic).forEach(partition ->
                    start.put(new TopicPartition(topic, partition.partition()), new OffsetAndMetadata(0)));
            consumer.commitSync(start);
        }
    }
}
