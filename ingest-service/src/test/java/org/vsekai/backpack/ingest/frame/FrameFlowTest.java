package org.vsekai.backpack.ingest.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.as;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.asAdmin;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.awaitState;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.sha256;
import static org.vsekai.backpack.ingest.fixtures.SceneRequests.parsedScene;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.ingest.fixtures.Images;
import org.vsekai.backpack.kit.blob.BlobRef;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.TopicProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Frames of a parsed scene's camera, on the real broker and database: stored as blobs, announced on camera-frames
 * with the calibration for their size, refused cheaply when their header declares too many pixels; and the
 * workflow advanced by the vision-service's detections and the metadata-service's item-attributes.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class FrameFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BlobStore blobs;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void aFrameIsStoredAnnouncedWithItsCalibrationAndAnalysedScenesAdvance() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String sceneId = parsedScene(user);
        byte[] png = Images.encoded("png", 640, 480);
        Instant captured = Instant.parse("2026-12-02T10:00:00Z");

        var accepted = as(user).contentType("image/png").header("X-Backpack-Captured-At", captured.toString())
                .body(png).post("/scenes/{id}/cameras/{camera}/frames", sceneId, "1")
                .then().statusCode(202)
                .body("width", equalTo(640)).body("height", equalTo(480))
                .body("blobRef", equalTo("blob:sha256:" + sha256(png)))
                .body("calibration.intrinsics.rowMajor[2]", equalTo(320.0f))
                .extract();
        String frameId = accepted.path("frameId");
        // yfov 0.8 without an aspect ratio: f = 240 / tan(0.4) = 567.6533.
        assertThat(accepted.<Float>path("calibration.intrinsics.rowMajor[0]").doubleValue())
                .isEqualTo(567.6533, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(blobs.exists(new BlobRef(sha256(png)))).isTrue();

        List<ConsumerRecord<String, byte[]>> records = probe.await(Topics.CAMERA_FRAMES_NAME,
                record -> sceneId.equals(record.key()), WAIT);
        CameraFrame frame = EventJson.read(records.get(0).value(), Topics.CAMERA_FRAMES);
        assertThat(frame.frameId()).hasToString(frameId);
        assertThat(frame.camera()).isEqualTo("1");
        assertThat(frame.width()).isEqualTo(640);
        assertThat(frame.capturedAt()).isEqualTo(captured);
        assertThat(frame.calibration().imageWidth()).isEqualTo(640);
        assertThat(frame.calibration().intrinsics().get(1, 1)).isEqualTo(240 / Math.tan(0.4),
                org.assertj.core.api.Assertions.within(1e-6));
        assertThat(frame.calibration().translation().y()).isEqualTo(1.5, org.assertj.core.api.Assertions.within(1e-9));

        // The vision-service's detections for the frame, then the metadata-service's attributes for the scene item.
        Detections detections = new Detections(1, UUID.randomUUID(), UUID.fromString(sceneId),
                UUID.fromString(frameId), "rf-detr", "1", List.of(new Detection("chair", 0.9,
                new BoundingBox(1, 2, 3, 4))));
        probe.send(Topics.DETECTIONS_NAME, sceneId, EventJson.write(detections));
        awaitState(user, sceneId, "FRAMES_ANALYSED");
        probe.send(Topics.DETECTIONS_NAME, sceneId, EventJson.write(detections)); // a repeat changes nothing
        ItemAttributes attributes = new ItemAttributes(1, UUID.randomUUID(), sceneId, "scene", "Park", List.of(),
                List.of(), user, null, List.of("chair"), Instant.now());
        probe.send(Topics.ITEM_ATTRIBUTES_NAME, sceneId, EventJson.write(attributes));
        awaitState(user, sceneId, "INDEXED");
        as(user).get("/scenes/{id}", sceneId).then().body("frames[0].analysedAt", org.hamcrest.Matchers.notNullValue())
                .body("indexedAt", org.hamcrest.Matchers.notNullValue());

        // A frame posted after that waits for its own analysis.
        as(user).contentType("image/png").body(Images.encoded("png", 32, 32)).post("/scenes/{id}/cameras/{camera}/frames", sceneId, "1")
                .then().statusCode(202);
        awaitState(user, sceneId, "METADATA_PUBLISHED");
    }

    @Test
    void eachFramesDetectionsAndPosesShowInTheSceneViewOncePerEvent() {
        String user = "user-" + UUID.randomUUID();
        String sceneId = parsedScene(user);
        UUID scene = UUID.fromString(sceneId);
        String first = postFrame(user, sceneId, 64);
        String second = postFrame(user, sceneId, 48);
        BoundingBox box = new BoundingBox(1, 2, 3, 4);

        probe.send(Topics.DETECTIONS_NAME, sceneId, EventJson.write(new Detections(1, UUID.randomUUID(), scene,
                UUID.fromString(first), "rf-detr", "abc", List.of(new Detection("Chair", 0.9, box),
                new Detection("person", 0.8, box), new Detection("chair", 0.6, box)))));
        Keypoints poses = new Keypoints(1, UUID.randomUUID(), scene, UUID.fromString(first), "yolo-nas-pose", "def",
                List.of(person(box), person(box)));
        probe.send(Topics.KEYPOINTS_NAME, sceneId, EventJson.write(poses));
        // The same event id again, with other content: skipped, so the frame keeps two poses.
        probe.send(Topics.KEYPOINTS_NAME, sceneId, EventJson.write(new Keypoints(1, poses.eventId(), scene,
                UUID.fromString(first), "yolo-nas-pose", "def", List.of(person(box), person(box), person(box)))));
        // Keypoints alone analyse a frame too (a suite with only a pose model).
        probe.send(Topics.KEYPOINTS_NAME, sceneId, EventJson.write(new Keypoints(1, UUID.randomUUID(), scene,
                UUID.fromString(second), "yolo-nas-pose", "def", List.of())));
        // A frame that is not ours changes nothing; one without a frame id is a dead letter.
        probe.send(Topics.KEYPOINTS_NAME, sceneId, EventJson.write(new Keypoints(1, UUID.randomUUID(), scene,
                UUID.randomUUID(), "yolo-nas-pose", "def", List.of(person(box)))));
        probe.send(Topics.KEYPOINTS_NAME, sceneId, EventJson.write(new Keypoints(1, UUID.randomUUID(), scene,
                null, "yolo-nas-pose", "def", List.of())));

        awaitState(user, sceneId, "FRAMES_ANALYSED");
        List<ConsumerRecord<String, byte[]>> dead = probe.await(Topics.KEYPOINTS.deadLetterTopic(),
                r -> sceneId.equals(r.key()), WAIT);
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("names no frame");
        // The dead letter came after the repeat on the same partition (all keyed by the scene): both keypoints events
        // were consumed. Detections come on another topic, whose consumer may lag behind: wait for it.
        var view = Awaitility.await().atMost(WAIT).until(
                () -> as(user).get("/scenes/{id}", sceneId).then().statusCode(200).extract().jsonPath(),
                v -> v.getList("frames.detections", Integer.class).stream().anyMatch(n -> n > 0));
        int at = view.getList("frames.frameId").indexOf(first);
        assertThat(view.getInt("frames[" + at + "].detections")).isEqualTo(3);
        assertThat(view.getInt("frames[" + at + "].poses")).isEqualTo(2);
        assertThat(view.getList("frames[" + at + "].classes")).containsExactly("chair", "person");
        assertThat(view.getList("frames[" + at + "].findings.model")).containsExactly("rf-detr", "yolo-nas-pose");
        assertThat(view.getList("frames[" + at + "].findings.kind")).containsExactly("DETECTIONS", "POSES");
        assertThat(view.getString("frames[" + at + "].findings[1].modelVersion")).isEqualTo("def");
        int other = 1 - at;
        assertThat(view.getInt("frames[" + other + "].detections")).isZero();
        assertThat(view.getInt("frames[" + other + "].poses")).isZero();
        assertThat(view.getString("frames[" + other + "].analysedAt")).isNotNull();
    }

    private static String postFrame(String user, String sceneId, int size) {
        return as(user).contentType("image/png").body(Images.encoded("png", size, size))
                .post("/scenes/{id}/cameras/{camera}/frames", sceneId, "1").then().statusCode(202)
                .extract().path("frameId");
    }

    private static KeypointSet person(BoundingBox box) {
        return new KeypointSet(box, 0.9, List.of(new Keypoint("nose", 1, 2, 0.9)), List.of(), List.of(0.0, 0.0));
    }

    @Test
    void anImageBombIsRefusedFromItsHeader() {
        String user = "user-" + UUID.randomUUID();
        String sceneId = parsedScene(user);
        byte[] bomb = Images.pngHeader(100_000, 100_000);
        as(user).contentType("image/png").body(bomb).post("/scenes/{id}/cameras/{camera}/frames", sceneId, "1")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("max-frame-pixels")).body("detail", containsString("100000 x 100000"));
        Awaitility.await().atMost(WAIT).until(() -> !blobs.exists(new BlobRef(sha256(bomb))));
    }

    @Test
    void aFramesImageIsItsPostedBytesForItsOwnerAndAdminsOnly() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String sceneId = parsedScene(user);
        byte[] png = Images.encoded("png", 32, 24);
        String frameId = as(user).contentType("image/png").body(png)
                .post("/scenes/{id}/cameras/{camera}/frames", sceneId, "1").then().statusCode(202)
                .extract().path("frameId");

        byte[] image = as(user).get("/scenes/{id}/frames/{frame}/image", sceneId, frameId).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertThat(image).isEqualTo(png);
        assertThat(asAdmin().get("/scenes/{id}/frames/{frame}/image", sceneId, frameId).then().statusCode(200)
                .extract().asByteArray()).isEqualTo(png);
        as("user-" + UUID.randomUUID()).get("/scenes/{id}/frames/{frame}/image", sceneId, frameId)
                .then().statusCode(403);
        as(user).get("/scenes/{id}/frames/{frame}/image", sceneId, UUID.randomUUID()).then().statusCode(404)
                .body("type", containsString("frame-not-found"));
        as(user).get("/scenes/{id}/frames/{frame}/image", sceneId, "not-a-uuid").then().statusCode(400);
    }

    @Test
    void framesAreForTheScenesOwnerAndItsCameras() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String sceneId = parsedScene(user);
        byte[] png = Images.encoded("png", 8, 8);
        as(user).contentType("image/png").body(png).post("/scenes/{id}/cameras/{camera}/frames", sceneId, "7")
                .then().statusCode(404).body("type", containsString("camera-not-found"));
        as("user-" + UUID.randomUUID()).contentType("image/png").body(png)
                .post("/scenes/{id}/cameras/{camera}/frames", sceneId, "1").then().statusCode(403);
        as(user).contentType("image/gif").body(png).post("/scenes/{id}/cameras/{camera}/frames", sceneId, "1")
                .then().statusCode(415);
        as(user).contentType("image/jpeg").body(png).post("/scenes/{id}/cameras/{camera}/frames", sceneId, "1")
                .then().statusCode(422).body("detail", containsString("IMAGE_MIME_TYPE_INVALID"));
        as(user).contentType("image/png").body(png).post("/scenes/{id}/cameras/{camera}/frames", UUID.randomUUID(),
                "1").then().statusCode(404);
    }
}
