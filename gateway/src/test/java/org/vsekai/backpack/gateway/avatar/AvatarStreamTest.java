package org.vsekai.backpack.gateway.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.pose.AvatarPoses;
import org.vsekai.backpack.contracts.pose.ScenePose;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakePeersResource.FakePeers;
import org.vsekai.backpack.gateway.testing.FakePeersResource.InjectFakePeers;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;

/**
 * The avatar stream through the gateway, with real WebSocket clients (Vert.x's) and a real broker: the records are
 * produced to {@code avatar-poses} as the ingest-service sends them; the ingest-service that says who may read a
 * scene is a stand-in (the gateway's other peers are too). One client stops reading, as a slow one does: its socket
 * fills, and it gets the newest pose when it reads again, while the others are not held up.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class AvatarStreamTest {

    private static KafkaProducer<String, byte[]> producer;

    @InjectFakePeers
    FakePeers peers;

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    AvatarStreamHub hub;

    @Inject
    Vertx vertx;

    @Inject
    CircuitBreakerMaintenance circuits;

    private final List<Client> opened = Collections.synchronizedList(new ArrayList<>());

    /** One WebSocket client and what it received. */
    private static final class Client {
        final WebSocket socket;
        final List<JsonNode> messages = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Short> closed = new CompletableFuture<>();

        Client(WebSocket socket) {
            this.socket = socket;
            socket.textMessageHandler(text -> {
                try {
                    messages.add(EventJson.mapper().readTree(text));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            socket.closeHandler(done -> closed.complete(socket.closeStatusCode()));
        }

        List<JsonNode> poses() {
            synchronized (messages) {
                return messages.stream().filter(m -> m.path("type").asText().equals("poses")).toList();
            }
        }

        long lastSequence() {
            List<JsonNode> poses = poses();
            return poses.isEmpty() ? 0 : poses.get(poses.size() - 1).path("sequence").asLong();
        }
    }

    @BeforeAll
    static void producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(props);
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @BeforeEach
    void streamConsumerIsReading() {
        circuits.resetAll();
        // The gateway reads from the end of the topic: wait until its consumer has its partitions.
        UUID warmUp = UUID.randomUUID();
        long before = hub.published();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            send(poses(warmUp, 1));
            producer.flush();
            return hub.published() > before;
        });
    }

    @AfterEach
    void closeClients() {
        for (Client client : opened) {
            client.socket.close();
        }
        opened.clear();
    }

    @Test
    void eachFollowerGetsItsScenesPosesInOrderAndANewcomerStartsFromTheNewest() throws Exception {
        UUID scene = readableScene();
        UUID other = readableScene();
        String user = "user-" + UUID.randomUUID();
        Client bySubprotocol = connect(scene, subprotocol(TestTokens.user(user)));
        Client byQuery = connect(scene, query(TestTokens.user(user)));
        Client ofOther = connect(other, subprotocol(TestTokens.user(user)));
        assertThat(bySubprotocol.socket.subProtocol()).isEqualTo(StreamToken.SUBPROTOCOL);
        // The ingest-service was asked about this caller, named by the gateway, not by the client.
        assertThat(peers.ingest().lastAt("/scenes/" + scene + "/access").header("X-Backpack-User")).isEqualTo(user);
        assertThat(peers.ingest().lastAt("/scenes/" + scene + "/access").header("X-Backpack-Roles")).isEqualTo("user");

        List<AvatarPoses> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(send(poses(scene, 2)));
        }
        AvatarPoses elsewhere = send(poses(other, 1));
        producer.flush();

        for (Client client : List.of(bySubprotocol, byQuery)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> client.poses().size() == 3);
            List<JsonNode> got = client.poses();
            for (int i = 0; i < 3; i++) {
                assertThat(got.get(i).path("sequence").asLong()).isEqualTo(i + 1);
                assertThat(got.get(i).path("sceneId").asText()).isEqualTo(scene.toString());
                assertThat(got.get(i).path("frameId").asText()).isEqualTo(sent.get(i).frameId().toString());
                assertThat(got.get(i).path("poses").get(0).path("poseId").asText())
                        .isEqualTo(sent.get(i).poses().get(0).poseId().toString());
                assertThat(got.get(i).path("poses").get(1).path("rotations").path("Hips").size()).isEqualTo(4);
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ofOther.poses().size() == 1);
        assertThat(ofOther.poses().get(0).path("frameId").asText()).isEqualTo(elsewhere.frameId().toString());

        // A client that connects (or reconnects) gets the scene's newest message at once, then what follows.
        Client late = connect(scene, subprotocol(TestTokens.user(user)));
        await().atMost(Duration.ofSeconds(10)).until(() -> late.poses().size() == 1);
        assertThat(late.poses().get(0).path("sequence").asLong()).isEqualTo(3);
        assertThat(late.poses().get(0).path("frameId").asText()).isEqualTo(sent.get(2).frameId().toString());
    }

    @Test
    void aClientThatStopsReadingGetsTheNewestWhenItReadsAgainAndHoldsUpNoOne() throws Exception {
        UUID scene = readableScene();
        Client fast = connect(scene, subprotocol(TestTokens.user("fast-" + UUID.randomUUID())));
        // A small receive window, then no reading at all: the gateway's socket to it fills.
        Client slow = connect(scene, subprotocol(TestTokens.user("slow-" + UUID.randomUUID())), 4096);
        slow.socket.pause();

        int total = 4000;
        for (int i = 0; i < total; i++) {
            send(poses(scene, 6));
        }
        producer.flush();
        await().atMost(Duration.ofSeconds(60)).until(() -> fast.lastSequence() == total);
        List<JsonNode> fastPoses = fast.poses();
        for (int i = 1; i < fastPoses.size(); i++) {
            assertThat(fastPoses.get(i).path("sequence").asLong())
                    .isGreaterThan(fastPoses.get(i - 1).path("sequence").asLong());
        }

        AvatarStreamHub.Follower stuck = follower(slow);
        assertThat(stuck.counts().dropped()).as("dropped while the slow client did not read").isPositive();
        assertThat(stuck.counts().offered()).isEqualTo(total);

        slow.socket.resume();
        await().atMost(Duration.ofSeconds(30)).until(() -> slow.lastSequence() == total);
        await().atMost(Duration.ofSeconds(10)).until(() -> follower(slow).counts().waiting() == 0
                && follower(slow).counts().sent() == slow.poses().size());
        DropOldest.Counts counts = follower(slow).counts();
        System.out.printf("avatar stream, %d messages: fast client received %d, slow client %d (dropped %d)%n",
                total, fastPoses.size(), slow.poses().size(), counts.dropped());
        assertThat(slow.poses().size()).isLessThan(total);
        assertThat(counts.sent() + counts.dropped() + counts.failed()).isEqualTo(total);
        assertThat(counts.dropped()).isEqualTo(total - slow.poses().size());
    }

    @Test
    void anIdleStreamGetsHeartbeatsAndAnExpiredTokenEndsIt() throws Exception {
        UUID scene = readableScene();
        String user = "user-" + UUID.randomUUID();
        String shortLived = TestTokens.claims(user, List.of("user"))
                .with("exp", Instant.now().plusSeconds(3).getEpochSecond()).sign();
        Client client = connect(scene, subprotocol(shortLived));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.messages.stream()
                .anyMatch(m -> m.path("type").asText().equals("heartbeat")));
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) AvatarStreamHub.TOKEN_EXPIRED);
    }

    @Test
    void refusalsComeBeforeTheHandshakeAsProblems() throws Exception {
        UUID scene = readableScene();
        UUID foreign = UUID.randomUUID();
        peers.ingest().answer("GET", "/scenes/" + foreign + "/access", 403, "application/problem+json",
                "{\"type\":\"https://backpack.v-sekai.org/problems/not-scene-owner\",\"title\":\"Not the owner of "
                        + "this scene\",\"status\":403}");
        String user = "user-" + UUID.randomUUID();

        assertThat(rejection(scene, Map.of())).isEqualTo(401);
        assertThat(rejection(scene, subprotocol(TestTokens.claims(user, List.of("user")).unsigned()))).isEqualTo(401);
        assertThat(rejection(scene, subprotocol(TestTokens.claims(user, List.of("user"))
                .with("exp", Instant.now().minusSeconds(600).getEpochSecond()).sign()))).isEqualTo(401);
        assertThat(rejection(foreign, subprotocol(TestTokens.user(user)))).isEqualTo(403);
        assertThat(rejection(UUID.randomUUID(), subprotocol(TestTokens.user(user)))).isEqualTo(404);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(streamUri(scene)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        HttpResponse<String> notAHandshake = http.send(HttpRequest.newBuilder(streamUri(scene))
                .header("Authorization", "Bearer " + TestTokens.user(user)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notAHandshake.statusCode()).isEqualTo(426);
        assertThat(EventJson.mapper().readTree(notAHandshake.body()).path("type").asText())
                .endsWith("/websocket-required");
        HttpResponse<String> notAnId = http.send(HttpRequest.newBuilder(gateway.resolve(
                "/api/v1/scenes/..%2F..%2Fjobs/avatar-stream")).header("Authorization", "Bearer "
                + TestTokens.user(user)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notAnId.statusCode()).isEqualTo(404);

        // A user holds at most max-streams-per-user (4) streams; the fifth is refused until one closes.
        String many = TestTokens.user("many-" + UUID.randomUUID());
        List<Client> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(connect(scene, subprotocol(many)));
        }
        assertThat(rejection(scene, subprotocol(many))).isEqualTo(429);
        four.get(0).socket.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.followers().stream()
                .filter(f -> f.userId().startsWith("many-")).count() == 3);
        assertThat(connect(scene, subprotocol(many)).socket.isClosed()).isFalse();
    }

    /** The hub's view of the slow client: the only follower whose user is named slow-. */
    private AvatarStreamHub.Follower follower(Client slow) {
        List<AvatarStreamHub.Follower> all = hub.followers();
        return all.stream().filter(f -> f.userId().startsWith("slow-")).findFirst()
                .orElseThrow(() -> new AssertionError("no slow follower among " + all));
    }

    private UUID readableScene() {
        UUID scene = UUID.randomUUID();
        peers.ingest().answer("GET", "/scenes/" + scene + "/access", 204, null, "");
        return scene;
    }

    private static Map<String, String> subprotocol(String token) {
        return Map.of("protocol", token);
    }

    private static Map<String, String> query(String token) {
        return Map.of("query", token);
    }

    private URI streamUri(UUID scene) {
        return gateway.resolve("/api/v1/scenes/" + scene + "/avatar-stream");
    }

    private WebSocketConnectOptions options(UUID scene, Map<String, String> token) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(gateway.getHost())
                .setPort(gateway.getPort()).setURI("/api/v1/scenes/" + scene + "/avatar-stream"
                        + (token.containsKey("query") ? "?access_token=" + token.get("query") : ""));
        if (token.containsKey("protocol")) {
            options.addSubProtocol(StreamToken.SUBPROTOCOL).addSubProtocol(token.get("protocol"));
        }
        return options;
    }

    private Client connect(UUID scene, Map<String, String> token) throws Exception {
        return connect(scene, token, 0);
    }

    private Client connect(UUID scene, Map<String, String> token, int receiveBuffer) throws Exception {
        HttpClientOptions clientOptions = new HttpClientOptions();
        if (receiveBuffer > 0) {
            clientOptions.setReceiveBufferSize(receiveBuffer);
        }
        long before = followersOf(scene);
        // The handlers are set as the handshake completes, on its event loop: the scene's newest message may follow
        // the 101 in the same read.
        Client client = vertx.createHttpClient(clientOptions).webSocket(options(scene, token)).map(Client::new)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        opened.add(client);
        // Open once the hub holds it (its @OnOpen ran): only then does it follow the scene.
        await().atMost(Duration.ofSeconds(10)).until(() -> followersOf(scene) > before);
        return client;
    }

    private long followersOf(UUID scene) {
        return hub.followers().stream().filter(f -> f.sceneId().equals(scene)).count();
    }

    private int rejection(UUID scene, Map<String, String> token) throws Exception {
        try {
            WebSocket socket = vertx.createHttpClient().webSocket(options(scene, token)).toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            socket.close();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        }
    }

    private static final AtomicInteger FRAMES = new AtomicInteger();

    private static AvatarPoses poses(UUID scene, int people) {
        UUID frame = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-04T12:00:00Z").plusMillis(FRAMES.incrementAndGet() * 33L);
        List<ScenePose> poses = new ArrayList<>();
        List<double[]> planar = new ArrayList<>();
        List<double[]> spatial = new ArrayList<>();
        for (int k = 0; k < 17; k++) {
            planar.add(new double[] {100 + k, 200 + k, 0.9});
            spatial.add(new double[] {0.01 * k, 1.0 + 0.02 * k, -0.03 * k});
        }
        poses.add(new ScenePose(UUID.randomUUID(), "single-camera-2d", List.of(frame), 0, 0.9, at, planar, null,
                null, null, Map.of("LEFT_ELBOW", 1.0)));
        for (int p = 1; p < people; p++) {
            poses.add(new ScenePose(UUID.randomUUID(), "triangulated-3d", List.of(frame, UUID.randomUUID()), p, 0.8,
                    at, spatial, 0.5, Map.of("Hips", new double[] {0, 0, 0, 1}),
                    Map.of("Hips", new double[] {0, 0, 0, 1}), null));
        }
        return new AvatarPoses(AvatarPoses.CURRENT_VERSION, UUID.randomUUID(), scene, frame, at, poses);
    }

    private static AvatarPoses send(AvatarPoses poses) {
        producer.send(new ProducerRecord<>(Topics.AVATAR_POSES_NAME, poses.sceneId().toString(),
                EventJson.write(poses)));
        return poses;
    }
}
