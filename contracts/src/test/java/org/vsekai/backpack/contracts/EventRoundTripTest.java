package org.vsekai.backpack.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vsekai.backpack.contracts.embedding.ItemEmbedding;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.contracts.kafka.CameraFrameDeserializer;
import org.vsekai.backpack.contracts.kafka.DetectionsDeserializer;
import org.vsekai.backpack.contracts.kafka.EventSerializer;
import org.vsekai.backpack.contracts.kafka.InteractionEventDeserializer;
import org.vsekai.backpack.contracts.kafka.ItemAttributesDeserializer;
import org.vsekai.backpack.contracts.kafka.ItemEmbeddingDeserializer;
import org.vsekai.backpack.contracts.kafka.KeypointsDeserializer;
import org.vsekai.backpack.contracts.kafka.AvatarPosesDeserializer;
import org.vsekai.backpack.contracts.pose.AvatarPoses;
import org.vsekai.backpack.contracts.pose.ScenePose;
import org.vsekai.backpack.contracts.kafka.SceneMetadataDeserializer;
import org.vsekai.backpack.contracts.kafka.SceneUploadedDeserializer;
import org.vsekai.backpack.contracts.kafka.UserErasureDeserializer;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.contracts.scene.Matrix3;
import org.vsekai.backpack.contracts.scene.PacketTarget;
import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.contracts.scene.SceneUploaded;
import org.vsekai.backpack.contracts.scene.Vector3;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.contracts.vision.Bone;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.contracts.vision.VisionJsonLd;

import com.fasterxml.jackson.databind.JsonNode;

class EventRoundTripTest {

    private static final Instant T = Instant.parse("2026-11-26T10:15:30.123Z");
    private static final UUID SCENE = UUID.fromString("6c1f6a58-7f43-4d0e-9a57-1d3f0a2b9c11");
    private static final UUID FRAME = UUID.fromString("0e0f8a1b-52c4-4f8e-8d3c-5b7a9f6e2d10");

    record Sample(Topic<?> topic, Event event, Deserializer<? extends Event> deserializer) {
        @Override
        public String toString() {
            return topic.name();
        }
    }

    static Stream<Sample> oneSamplePerTopic() throws Exception {
        JsonNode packet = EventJson.mapper().readTree("""
                {"@context": {"dc": "http://purl.org/dc/elements/1.1/"}, "dc:title": "Lobby", "dc:subject": ["hub", "social"]}
                """);
        return Stream.of(
                new Sample(Topics.INTERACTIONS, InteractionEvent.of(UUID.randomUUID(), "urn:uuid:1", ActivityType.LIKE,
                        "user-1", "item-9", T, T.plusSeconds(1)), new InteractionEventDeserializer()),
                new Sample(Topics.SCENE_UPLOADED, new SceneUploaded(1, UUID.randomUUID(), SCENE, "user-1",
                        "blob://scenes/abc", SceneFormat.GLB, 123_456L, 2, T), new SceneUploadedDeserializer()),
                new Sample(Topics.SCENE_METADATA, new SceneMetadata(1, UUID.randomUUID(), SCENE, "user-1",
                        List.of(new XmpPacket(0, List.of(new PacketTarget("asset", null), new PacketTarget("node", 3)),
                                packet))), new SceneMetadataDeserializer()),
                new Sample(Topics.CAMERA_FRAMES, new CameraFrame(1, UUID.randomUUID(), SCENE, FRAME, "blob://frames/f1",
                        "Camera.001", new CameraCalibration(CameraCalibration.Projection.PERSPECTIVE, 0.66, 1.5, null,
                        null, 0.01, 100.0, 640, 480, Matrix3.ofRows(876.6, 0, 320, 0, 657.5, 240, 0, 0, 1),
                        Matrix3.ofRows(1, 0, 0, 0, -1, 0, 0, 0, -1), new Vector3(-0.5, 0.5, 3)), 640, 480, T),
                        new CameraFrameDeserializer()),
                new Sample(Topics.DETECTIONS, new Detections(1, UUID.randomUUID(), SCENE, FRAME, "rf-detr", "1.0",
                        List.of(new Detection("chair", 0.91, new BoundingBox(10, 20, 30.5, 40.25),
                                "https://backpack.v-sekai.org/ns/classes/chair", 62)),
                        "Camera.001", 640, 480, T, VisionJsonLd.CONTEXT), new DetectionsDeserializer()),
                new Sample(Topics.KEYPOINTS, new Keypoints(1, UUID.randomUUID(), SCENE, FRAME, "yolo-nas-pose", "1.0",
                        List.of(new KeypointSet(new BoundingBox(1, 2, 3, 4), 0.8,
                                List.of(new Keypoint("nose", 5, 6, 0.9), new Keypoint("neck", 5, 9, 0.7)),
                                List.of(new Bone(0, 1)), List.of(0.1, 0.2, 0.3), "coco-17")), "Camera.001", 640, 480,
                        T, VisionJsonLd.CONTEXT), new KeypointsDeserializer()),
                new Sample(Topics.ITEM_ATTRIBUTES, new ItemAttributes(1, UUID.randomUUID(), "item-9", "avatar", "Robot",
                        List.of("robot", "metal"), List.of("sci-fi"), "user-1", "CC-BY-4.0", List.of("person"), T),
                        new ItemAttributesDeserializer()),
                new Sample(Topics.ITEM_EMBEDDINGS, new ItemEmbedding(1, UUID.randomUUID(), "item-9", "avatar",
                        "all-minilm-l6-v2", "0123456789ab", "Robot. robot. metal", new float[] {0.6f, -0.8f}, T),
                        new ItemEmbeddingDeserializer()),
                new Sample(Topics.AVATAR_POSES, new AvatarPoses(1, UUID.randomUUID(), SCENE, FRAME, T, List.of(
                        new ScenePose(UUID.randomUUID(), "triangulated-3d", List.of(FRAME, UUID.randomUUID()), 0, 0.9, T,
                                Arrays.asList(new double[] {0.1, 1.5, -0.2}, null), 0.4,
                                Map.of("Hips", new double[] {0, 0, 0, 1}), Map.of("Hips", new double[] {0, 0, 0, 1}),
                                null),
                        new ScenePose(UUID.randomUUID(), "single-camera-2d", List.of(FRAME), 1, 0.7, T,
                                List.<double[]>of(new double[] {320, 240, 0.9}), null, null, null,
                                Map.of("LEFT_ELBOW", 1.25)))), new AvatarPosesDeserializer()),
                new Sample(Topics.USER_ERASURES, new UserErasure(1, UUID.randomUUID(), "user-1", "user-1", T),
                        new UserErasureDeserializer()));
    }

    @Test
    void everyTopicHasASample() {
        assertThat(oneSamplePerTopicNames()).containsExactlyElementsOf(
                Topics.all().stream().map(Topic::name).toList());
    }

    private static List<String> oneSamplePerTopicNames() {
        try {
            return oneSamplePerTopic().map(s -> s.topic().name()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneSamplePerTopic")
    void roundTripsThroughKafkaSerdes(Sample sample) {
        byte[] wire = new EventSerializer().serialize(sample.topic().name(), sample.event());
        Event back = sample.deserializer().deserialize(sample.topic().name(), wire);
        assertThat(back).isEqualTo(sample.event());
        assertThat(back).isInstanceOf(sample.topic().eventType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneSamplePerTopic")
    void refusesANewerVersionThanItKnows(Sample sample) throws Exception {
        Map<String, Object> json = EventJson.mapper().readValue(EventJson.write(sample.event()), Map.class);
        json.put("version", sample.topic().currentVersion() + 1);
        byte[] wire = EventJson.mapper().writeValueAsBytes(json);
        assertThatThrownBy(() -> sample.deserializer().deserialize(sample.topic().name(), wire))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("version " + (sample.topic().currentVersion() + 1));
    }

    @Test
    void writesActivityStreamsTermsAndIsoInstants() {
        String json = new String(EventJson.write(InteractionEvent.of(UUID.fromString(
                "00000000-0000-0000-0000-000000000001"), "a1", ActivityType.VIEW, "u", "i", T, T)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"type\":\"View\"").contains("\"published\":\"2026-11-26T10:15:30.123Z\"")
                .contains("\"version\":1");
    }

    @Test
    void refusesARecordWithoutEventId() {
        byte[] wire = """
                {"version":1,"type":"View","userId":"u","itemId":"i"}""".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new InteractionEventDeserializer().deserialize("interactions", wire))
                .isInstanceOf(SerializationException.class).hasMessageContaining("no eventId");
        byte[] noVersion = """
                {"eventId":"00000000-0000-0000-0000-000000000001","type":"View","userId":"u","itemId":"i"}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new InteractionEventDeserializer().deserialize("interactions", noVersion))
                .isInstanceOf(SerializationException.class).hasMessageContaining("no version");
    }

    @Test
    void refusesGarbageAndUnknownActivityTypes() {
        assertThatThrownBy(() -> new InteractionEventDeserializer().deserialize("interactions",
                "not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(SerializationException.class);
        byte[] unknownType = """
                {"version":1,"eventId":"00000000-0000-0000-0000-000000000001","type":"Dance","userId":"u","itemId":"i"}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new InteractionEventDeserializer().deserialize("interactions", unknownType))
                .isInstanceOf(SerializationException.class).hasMessageContaining("InteractionEvent");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(EventJson.MAX_NESTING_DEPTH + 10) + "]".repeat(EventJson.MAX_NESTING_DEPTH + 10);
        byte[] wire = ("{\"version\":1,\"eventId\":\"00000000-0000-0000-0000-000000000001\",\"sceneId\":\""
                + SCENE + "\",\"packets\":[{\"index\":0,\"document\":" + deep + "}]}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new SceneMetadataDeserializer().deserialize("scene-metadata", wire))
                .isInstanceOf(SerializationException.class).hasMessageContaining("depth");
    }

    @Test
    void ignoresFieldsAddedByANewerProducerWithinTheVersion() {
        byte[] wire = """
                {"version":1,"eventId":"00000000-0000-0000-0000-000000000001","userId":"u","requestedBy":"admin",
                 "requestedAt":"2026-11-26T10:15:30.123Z","reason":"GDPR art. 17"}""".getBytes(StandardCharsets.UTF_8);
        UserErasure erasure = new UserErasureDeserializer().deserialize("user-erasures", wire);
        assertThat(erasure.userId()).isEqualTo("u");
        assertThat(erasure.requestedAt()).isEqualTo(T);
    }

    @Test
    void aCalibrationWithoutTheFieldsAddedInVersionOneStillReads() {
        String older = """
                {"version": 1, "eventId": "%s", "sceneId": "%s", "frameId": "%s", "blobRef": "blob:sha256:%s",
                 "camera": "1", "calibration": {"projection": "ORTHOGRAPHIC", "xmag": 1.0, "ymag": 1.0,
                 "znear": 0.01, "zfar": 100.0}, "width": 8, "height": 6, "capturedAt": "2026-11-26T12:00:00Z"}
                """.formatted(UUID.randomUUID(), SCENE, FRAME, "a".repeat(64));
        CameraFrame frame = EventJson.read(older.getBytes(StandardCharsets.UTF_8), Topics.CAMERA_FRAMES);
        assertThat(frame.calibration()).isEqualTo(new CameraCalibration(CameraCalibration.Projection.ORTHOGRAPHIC,
                null, null, 1.0, 1.0, 0.01, 100.0));
        assertThat(frame.calibration().intrinsics()).isNull();
    }

    @Test
    void matricesAreNineEntriesRowByRowAndEqualByValue() {
        Matrix3 k = Matrix3.ofRows(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(k.get(1, 2)).isEqualTo(6);
        assertThat(k).isEqualTo(new Matrix3(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0)));
        assertThat(EventJson.mapper().valueToTree(k).toString()).isEqualTo(
                "{\"rowMajor\":[1.0,2.0,3.0,4.0,5.0,6.0,7.0,8.0,9.0]}");
        assertThatThrownBy(() -> new Matrix3(List.of(1.0, 2.0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTopicHasADeadLetterTopicAndAPositivePartitionCount() {
        assertThat(Topics.allNamesWithDeadLetters()).hasSize(2 * Topics.all().size())
                .contains("interactions", "interactions.dlq", "user-erasures.dlq");
        assertThat(Topics.byName("item-attributes").compacted()).isTrue();
        assertThat(Topics.byName("avatar-poses").retention()).isEqualTo(Duration.ofHours(1));
        assertThat(Topics.byName("keypoints").retention()).isNull();
        assertThatThrownBy(() -> new Topic<>("x", 1, UserErasure.class, 1, false, Duration.ZERO))
                .hasMessageContaining("retention must be positive");
        assertThatThrownBy(() -> Topics.byName("nope")).hasMessageContaining("unknown topic: nope");
    }
}
