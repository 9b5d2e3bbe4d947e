package org.vsekai.backpack.vision.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.contracts.vision.VisionEventIds;
import org.vsekai.backpack.contracts.vision.VisionJsonLd;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.testkit.TraceContext;
import org.vsekai.backpack.vision.Frames;
import org.vsekai.backpack.vision.model.ModelRegistry;
import org.vsekai.backpack.vision.pose.CocoSkeleton;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Frames through the whole stream on the real broker: blob store, tiny models, {@code detections} and
 * {@code keypoints}, offsets, redeliveries and poison frames.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class CameraFrameFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = Topics.CAMERA_FRAMES.deadLetterTopic();
    private static final Pattern REJECTED =
            Pattern.compile("^backpack_vision_frames_rejected_total(?:\\{[^}]*})? (\\S+)", Pattern.MULTILINE);

    @Inject
    BlobStore blobs;

    @Inject
    ModelRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aFramesFindingsArePublishedPerModelInTheBackpackVocabularyAndItsOffsetCommittedAfter() {
        Frames frames = new Frames(blobs);
        UUID scene = UUID.randomUUID();
        CameraFrame frame = Frames.frame(scene, "Camera.001", frames.store(Frames.png(200, 100, 0xFFFFFF)), 200,
                100);
        TraceContext trace = TraceContext.random();
        frames.probe().send(Topics.CAMERA_FRAMES_NAME, scene.toString(), EventJson.write(frame), TraceContext.HEADER,
                trace.traceparent());

        ConsumerRecord<String, byte[]> record = one(frames.probe(), Topics.DETECTIONS_NAME, scene);
        Detections detections = EventJson.read(record.value(), Topics.DETECTIONS);
        assertThat(detections.eventId()).isEqualTo(VisionEventIds.of(Topics.DETECTIONS_NAME, frame.frameId(),
                "rf-detr"));
        assertThat(detections.frameId()).isEqualTo(frame.frameId());
        assertThat(detections.model()).isEqualTo("rf-detr");
        assertThat(detections.modelVersion()).isEqualTo(registry.find("rf-detr").orElseThrow().version());
        assertThat(detections.camera()).isEqualTo("Camera.001");
        assertThat(detections.imageWidth()).isEqualTo(200);
        assertThat(detections.capturedAt()).isEqualTo(frame.capturedAt());
        assertThat(detections.context()).isEqualTo(VisionJsonLd.CONTEXT);
        assertThat(detections.detections()).extracting(Detection::label)
                .containsExactly("person", "chair", "person", "car");
        Detection chair = detections.detections().get(1);
        assertThat(chair.classIri()).isEqualTo("https://backpack.v-sekai.org/ns/classes/chair");
        assertThat(chair.box().x()).isCloseTo(30, within(1e-3));
        assertThat(chair.box().width()).isCloseTo(40, within(1e-3));
        assertThat(TopicProbe.header(record, TraceContext.HEADER)).as("the frame's trace goes on")
                .contains(trace.traceId());

        Keypoints keypoints = EventJson.read(one(frames.probe(), Topics.KEYPOINTS_NAME, scene).value(),
                Topics.KEYPOINTS);
        assertThat(keypoints.eventId()).isEqualTo(VisionEventIds.of(Topics.KEYPOINTS_NAME, frame.frameId(),
                "yolo-nas-pose"));
        assertThat(keypoints.sets()).hasSize(2).allSatisfy(set -> {
            assertThat(set.points()).extracting(p -> p.name()).containsExactlyElementsOf(CocoSkeleton.POINTS);
            assertThat(set.chain()).isEqualTo(CocoSkeleton.CHAIN);
            assertThat(set.vector()).hasSize(34);
        });

        ConsumerRecord<String, byte[]> sent = one(frames.probe(), Topics.CAMERA_FRAMES_NAME, scene);
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(committed(partition))
                .as("the frame's offset is committed once its results are acknowledged")
                .isGreaterThan(sent.offset()));
    }

    /** Inference time per model moves with each frame; each served model shows its version. */
    @Test
    void theMetricsTimeEachModelAndShowTheVersionsServed() {
        Pattern runs = Pattern.compile("^backpack_vision_inference_duration_seconds_count\\{model=\"rf-detr\","
                + "stage=\"run\"} (\\S+)", Pattern.MULTILINE);
        String before = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher earlier = runs.matcher(before);
        double runsBefore = earlier.find() ? Double.parseDouble(earlier.group(1)) : 0;
        Frames frames = new Frames(blobs);
        UUID scene = UUID.randomUUID();
        frames.send(Frames.frame(scene, "Camera", frames.store(Frames.jpeg(64, 48, 0x404040)), 64, 48));
        frames.probe().await(Topics.DETECTIONS_NAME, r -> scene.toString().equals(r.key()), WAIT);

        assertThat(counter(runs)).isGreaterThanOrEqualTo(runsBefore + 1);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("backpack_vision_model_serving\\{model=\"rf-detr\",task=\"detection\","
                + "version=\"[0-9a-f]{12}\"} 1.0");
    }

    @Test
    void aFrameDeliveredTwiceYieldsTheSameEventIds() {
        Frames frames = new Frames(blobs);
        UUID scene = UUID.randomUUID();
        CameraFrame frame = Frames.frame(scene, "Camera", frames.store(Frames.jpeg(64, 48, 0x808080)), 64, 48);
        frames.send(frame);
        frames.send(frame);

        List<ConsumerRecord<String, byte[]>> twice = Awaitility.await().atMost(WAIT).until(
                () -> frames.probe().await(Topics.DETECTIONS_NAME, r -> scene.toString().equals(r.key()),
                        Duration.ofSeconds(2)), found -> found.size() == 2);
        assertThat(twice).extracting(r -> EventJson.read(r.value(), Topics.DETECTIONS).eventId())
                .as("a consumer de-duplicating by event id applies it once")
                .containsExactly(VisionEventIds.of(Topics.DETECTIONS_NAME, frame.frameId(), "rf-detr"),
                        VisionEventIds.of(Topics.DETECTIONS_NAME, frame.frameId(), "rf-detr"));
    }

    @Test
    void poisonFramesGoToTheDeadLetterTopicWithTheirReasonAndLaterFramesStillRun() {
        Frames frames = new Frames(blobs);
        String absent = "blob:sha256:" + "0".repeat(64);
        String broken = frames.store(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3});
        String small = frames.store(Frames.png(64, 48, 0x202020));
        double rejectedBefore = counter(REJECTED);
        Map<String, CameraFrame> poison = Map.of(
                "is not in the blob store", Frames.frame(UUID.randomUUID(), "C", absent, 64, 48),
                "the png image cannot be decoded", Frames.frame(UUID.randomUUID(), "C", broken, 64, 48),
                "says 640x480 but its image is 64x48", Frames.frame(UUID.randomUUID(), "C", small, 640, 480),
                "has width 0", Frames.frame(UUID.randomUUID(), "C", small, 0, 48),
                "not a blob reference", Frames.frame(UUID.randomUUID(), "C", "blob://frames/a", 64, 48));
        poison.values().forEach(frames::send);
        UUID after = UUID.randomUUID();
        frames.send(after, "C", 64, 48, 0x202020);

        poison.forEach((reason, frame) -> {
            ConsumerRecord<String, byte[]> dead = one(frames.probe(), DLQ, frame.sceneId());
            assertThat(TopicProbe.header(dead, "dead-letter-reason")).contains(reason);
            assertThat(TopicProbe.header(dead, "dead-letter-topic")).isEqualTo(Topics.CAMERA_FRAMES_NAME);
            assertThat(EventJson.read(dead.value(), Topics.CAMERA_FRAMES).frameId())
                    .as("the dead letter is the frame itself").isEqualTo(frame.frameId());
        });
        assertThat(one(frames.probe(), Topics.DETECTIONS_NAME, after)).as("the next frame still runs").isNotNull();
        assertThat(counter(REJECTED)).isGreaterThanOrEqualTo(rejectedBefore + poison.size());
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAsSent() {
        Frames frames = new Frames(blobs);
        String key = "unreadable-" + UUID.randomUUID();
        frames.probe().send(Topics.CAMERA_FRAMES_NAME, key, "{\"eventId\": 42");

        List<ConsumerRecord<String, byte[]>> dead = frames.probe().await(DLQ, r -> key.equals(r.key()), WAIT);
        assertThat(dead).hasSize(1);
        assertThat(TopicProbe.value(dead.get(0))).isEqualTo("{\"eventId\": 42");
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("not a valid CameraFrame");
    }

    private static ConsumerRecord<String, byte[]> one(TopicProbe probe, String topic, UUID scene) {
        List<ConsumerRecord<String, byte[]>> found = probe.await(topic, r -> scene.toString().equals(r.key()), WAIT);
        assertThat(found).as("%s records keyed %s", topic, scene).hasSize(1);
        return found.get(0);
    }

    private long committed(TopicPartition partition) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("vision-service")
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    /** A counter as Prometheus scrapes it. */
    static double counter(Pattern line) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = line.matcher(metrics);
        assertThat(matcher.find()).as("%s is exported", line).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
