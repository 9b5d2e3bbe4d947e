package org.vsekai.backpack.launcher.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.launcher.NumberOptions;
import org.vsekai.backpack.launcher.suite.Suite;
import org.vsekai.backpack.launcher.suite.VisionModels;
import org.vsekai.backpack.pose.skeleton.Coco17;
import org.vsekai.backpack.pose.skeleton.RestPose;
import org.vsekai.backpack.pose.skeleton.Vec3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./backpack bench stream}: starts the suite (no vision models: the bench is the keypoints producer), uploads a
 * scene and posts its frames through the gateway, then for each number of clients opens that many WebSockets on the
 * scene's avatar stream through the gateway and produces {@code keypoints} events for the frames at a fixed rate, as
 * the vision-service would. Each event becomes the ingest-service's poses, an {@code avatar-poses} record and one
 * message per client. Reported per number of clients: messages delivered per second over all clients, what each
 * client received of the events (the rest dropped for it: the oldest of what waited), and the latency from sending the keypoints
 * event to a client's receipt of its poses (one clock: the bench's).
 */
@Command(name = "stream", description = "Benchmark the avatar stream: keypoints events for a scene's frames, sent at"
        + " a fixed rate, to WebSocket clients through the gateway; messages/s, per-client receipts and the"
        + " keypoints→client latency at each number of clients.")
public final class StreamBenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FRAMES = 8; // within the upload class's burst of 10, with the scene
    /** Streams one user may hold at once (the gateway's max-streams-per-user). */
    private static final int STREAMS_PER_USER = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "600",
            description = "keypoints events per number of clients (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--rate", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "30",
            description = "keypoints events per second, about a camera's frame rate (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--clients", paramLabel = "a,b,...", split = ",", defaultValue = "1,10,100",
            description = "Numbers of WebSocket clients on the scene (default: ${DEFAULT-VALUE}).")
    int[] clients;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Suite suite;
    private BenchGateway gateway;

    /** One client: when it received each event's message (nanoTime), by event id of the avatar-poses record. */
    private static final class Client implements WebSocket.Listener {
        final Map<String, Long> received = new ConcurrentHashMap<>();
        final AtomicLong heartbeats = new AtomicLong();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long now = System.nanoTime();
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.path("type").asText().equals("poses")) {
                        received.putIfAbsent(message.path("eventId").asText(), now);
                    } else {
                        heartbeats.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String run = BenchSuites.runPrefix();
        try (Suite started = Suite.start(BenchSuites.options(out)
                .withVisionModels(VisionModels.none("bench stream sends the keypoints itself")))) {
            suite = started;
            gateway = new BenchGateway(started, http);
            String owner = run + "owner";
            String sceneId = scene(owner, run);
            List<String> frames = new ArrayList<>();
            for (int i = 0; i < FRAMES; i++) {
                HttpResponse<String> frame = gateway.post("/api/v1/scenes/" + sceneId + "/cameras/1/frames",
                        "image/png", gateway.token(owner, false), SampleScenes.png(640, 480, i + 1));
                BenchGateway.require(frame, 202);
                frames.add(JSON.readTree(frame.body()).path("frameId").asText());
            }
            out.printf(Locale.ROOT, "avatar stream bench through %s; %d processors; %,d keypoints events at %d/s "
                            + "for each number of clients%n", started.gatewayUrl(),
                    Runtime.getRuntime().availableProcessors(), events, rate);
            out.println("clients  events  messages/s  received per client (min/mean)   latency p50 ms   p99 ms   "
                    + "max ms");
            try (KafkaProducer<String, byte[]> producer = producer(started.kafkaBootstrap())) {
                // A first round, not reported: the JIT, the consumers' fetch sessions, the pools.
                round(producer, sceneId, frames, run + "warm-", 1, Math.min(events, 100), null);
                for (int count : clients) {
                    round(producer, sceneId, frames, run + "c" + count + "-", count, events, out);
                }
            }
        }
        out.flush();
        return 0;
    }

    private void round(KafkaProducer<String, byte[]> producer, String sceneId, List<String> frames, String users,
                       int count, int total, PrintWriter out) throws Exception {
        List<Client> listeners = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        URI uri = URI.create(suite.gatewayUrl().replaceFirst("^http", "ws") + "/api/v1/scenes/" + sceneId
                + "/avatar-stream");
        for (int i = 0; i < count; i++) {
            // Admins may follow any scene; a user holds at most four streams.
            String token = gateway.token(users + (i / STREAMS_PER_USER), true);
            Client client = new Client();
            sockets.add(http.newWebSocketBuilder().subprotocols("backpack.bearer", token).buildAsync(uri, client)
                    .get(30, TimeUnit.SECONDS));
            listeners.add(client);
        }
        // Each client's first message is the scene's newest: let it arrive before counting.
        Thread.sleep(500);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            UUID eventId = UUID.randomUUID();
            String frame = frames.get(i % frames.size());
            Keypoints keypoints = new Keypoints(Keypoints.CURRENT_VERSION, eventId, UUID.fromString(sceneId),
                    UUID.fromString(frame), "bench-pose", "1", List.of(body(i)), "1", 640, 480,
                    Instant.now(), null);
            sentAt.put(avatarEventId(eventId), System.nanoTime());
            producer.send(new ProducerRecord<>(Topics.KEYPOINTS_NAME, sceneId, EventJson.write(keypoints)));
        }
        producer.flush();
        // Until every client has the last event's message, or ten quiet seconds.
        long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long lastSeen = -1;
        while (System.nanoTime() < quietUntil) {
            long seen = listeners.stream().mapToLong(client -> client.received.keySet().stream()
                    .filter(sentAt::containsKey).count()).sum();
            if (seen != lastSeen) {
                lastSeen = seen;
                quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            }
            if (seen == (long) total * count) {
                break;
            }
            Thread.sleep(100);
        }
        long spanEnd = System.nanoTime();
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
        }
        if (out == null) {
            return;
        }
        List<Double> latencies = new ArrayList<>();
        long minReceived = Long.MAX_VALUE;
        long allReceived = 0;
        long lastReceipt = start;
        for (Client client : listeners) {
            long got = 0;
            for (Map.Entry<String, Long> receipt : client.received.entrySet()) {
                Long sent = sentAt.get(receipt.getKey());
                if (sent != null) {
                    got++;
                    latencies.add((receipt.getValue() - sent) / 1e6);
                    lastReceipt = Math.max(lastReceipt, receipt.getValue());
                }
            }
            minReceived = Math.min(minReceived, got);
            allReceived += got;
        }
        double seconds = (Math.min(spanEnd, lastReceipt) - start) / 1e9;
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.printf(Locale.ROOT, "%7d  %6d  %10.1f  %,8d / %,10.1f of %,d      %14.1f  %7.1f  %7.1f%n", count, total,
                allReceived / seconds, minReceived, allReceived / (double) count, total, percentile(sorted, 50),
                percentile(sorted, 99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
        out.flush();
    }

    /** The rest pose's points seen from the front, swaying a little with i: 17 points, all confident. */
    private static KeypointSet body(int i) {
        List<Keypoint> points = new ArrayList<>();
        double sway = 0.05 * Math.sin(i / 10.0);
        for (int k = 0; k < Coco17.SIZE; k++) {
            Vec3 p = RestPose.T_POSE_POINTS.get(k);
            points.add(new Keypoint("k" + k, 320 + 200 * (p.x() + sway), 300 - 200 * p.y(), 0.9));
        }
        return new KeypointSet(new BoundingBox(150, 90, 340, 300), 0.9, points, List.of(), null, Coco17.NAME);
    }

    /** The id the ingest-service gives the avatar-poses record of a keypoints event (AvatarPosePublisher). */
    private static String avatarEventId(UUID keypointsEventId) {
        return UUID.nameUUIDFromBytes(("avatar-poses:" + keypointsEventId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private String scene(String owner, String run) throws Exception {
        HttpResponse<String> uploaded = gateway.post("/api/v1/scenes", "model/gltf-binary",
                gateway.token(owner, false), SampleScenes.glb(run + "stream", 0));
        BenchGateway.require(uploaded, 202);
        String sceneId = JSON.readTree(uploaded.body()).path("sceneId").asText();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> scene = gateway.get("/api/v1/scenes/" + sceneId, gateway.token(owner, false));
            if (scene.statusCode() == 200 && JSON.readTree(scene.body()).path("cameras").size() > 0) {
                return sceneId;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("scene " + sceneId + " was not parsed within 2 minutes");
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(props);
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
