package org.vsekai.backpack.contracts.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** The vision records beyond the round trip: what older producers wrote, their JSON-LD meaning, the REST shapes. */
class VisionRecordsTest {

    private static final String BP = "https://backpack.v-sekai.org/ns#";
    private static final UUID SCENE = UUID.fromString("6c1f6a58-7f43-4d0e-9a57-1d3f0a2b9c11");
    private static final UUID FRAME = UUID.fromString("0e0f8a1b-52c4-4f8e-8d3c-5b7a9f6e2d10");
    private static final Instant T = Instant.parse("2026-11-26T10:15:30.123Z");

    @Test
    void aRecordOfTheFirstShapeStillReads() {
        byte[] first = ("""
                {"version":1,"eventId":"00000000-0000-0000-0000-000000000001","sceneId":"%s","frameId":"%s",
                 "model":"yolo","modelVersion":"1","detections":[{"label":"chair","score":0.9,
                 "box":{"x":1,"y":2,"width":3,"height":4}}]}""".formatted(SCENE, FRAME))
                .getBytes(StandardCharsets.UTF_8);
        Detections read = EventJson.read(first, Topics.DETECTIONS);
        assertThat(read).isEqualTo(new Detections(1, UUID.fromString("00000000-0000-0000-0000-000000000001"),
                SCENE, FRAME, "yolo", "1", List.of(new Detection("chair", 0.9, new BoundingBox(1, 2, 3, 4)))));
        assertThat(read.camera()).isNull();
        assertThat(read.detections().get(0).classIri()).isNull();
    }

    @Test
    void theContextIsWrittenFirstAndOnlyWhenSet() {
        String json = new String(EventJson.write(detections()), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"@context\":\"" + VisionJsonLd.CONTEXT + "\"");
        String plain = new String(EventJson.write(new Detections(1, UUID.randomUUID(), SCENE, FRAME, "m", "v",
                List.of())), StandardCharsets.UTF_8);
        assertThat(plain).doesNotContain("@context");
    }

    @Test
    void detectionsExpandToTheBackpackVocabulary() throws Exception {
        JsonObject node = expandOne(EventJson.write(detections()));

        assertThat(id(node, "scene")).isEqualTo("urn:uuid:" + SCENE);
        assertThat(id(node, "frame")).isEqualTo("urn:uuid:" + FRAME);
        assertThat(value(node, "cameraName")).isEqualTo("Camera.001");
        assertThat(value(node, "model")).isEqualTo("rf-detr");
        assertThat(value(node, "imageWidth")).isEqualTo("640");
        JsonArray detected = list(node, "detected");
        assertThat(detected).hasSize(2);
        JsonObject chair = detected.getJsonObject(0);
        assertThat(value(chair, "objectClass")).isEqualTo("chair");
        assertThat(id(chair, "objectClassIri")).isEqualTo("https://backpack.v-sekai.org/ns/classes/chair");
        assertThat(value(chair, "confidence")).isEqualTo("0.91");
        JsonObject box = chair.getJsonArray(BP + "pixelBox").getJsonObject(0);
        assertThat(value(box, "x")).isEqualTo("10.0");
        assertThat(value(box, "height")).isEqualTo("40.25");
        assertThat(value(detected.getJsonObject(1), "objectClass")).as("the list keeps the order").isEqualTo("person");
    }

    @Test
    void aTextDetectionExpandsToATextAnnotationWithItsTurnedBox() throws Exception {
        Detection line = new Detection("text", 0.8, new BoundingBox(10, 20, 200, 40),
                "https://backpack.v-sekai.org/ns/classes/text", 0).withText("Backpack 2026", 0.97);
        Detection read = new Detection(line.label(), line.score(), line.box(), line.classIri(), line.classId(),
                line.text(), line.textScore(), List.of(new Point(10, 30), new Point(205, 20), new Point(210, 60),
                new Point(15, 70)));
        Detections detections = new Detections(1, UUID.randomUUID(), SCENE, FRAME, "ocr-det", "abc",
                List.of(read), "Camera.001", 640, 480, T, VisionJsonLd.CONTEXT);

        JsonObject node = list(expandOne(EventJson.write(detections)), "detected").getJsonObject(0);

        assertThat(value(node, "text")).isEqualTo("Backpack 2026");
        assertThat(value(node, "textConfidence")).isEqualTo("0.97");
        assertThat(value(node, "objectClass")).isEqualTo("text");
        JsonArray quad = list(node, "pixelQuad");
        assertThat(quad).hasSize(4);
        assertThat(value(quad.getJsonObject(1), "x")).isEqualTo("205.0");
        assertThat(value(quad.getJsonObject(3), "y")).isEqualTo("70.0");
        assertThat(EventJson.read(EventJson.write(detections), Topics.DETECTIONS)).isEqualTo(detections);
    }

    @Test
    void aDetectionWithoutTextWritesNoTextFields() {
        String json = new String(EventJson.write(detections()), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("\"text\"").doesNotContain("textScore").doesNotContain("quad");
    }

    @Test
    void keypointsExpandWithTheirChainAndPoseVectorAsOrderedLists() throws Exception {
        Keypoints keypoints = new Keypoints(1, UUID.randomUUID(), SCENE, FRAME, "yolo-nas-pose", "abc", List.of(
                new KeypointSet(new BoundingBox(1, 2, 3, 4), 0.8,
                        List.of(new Keypoint("nose", 5, 6, 0.9), new Keypoint("left_eye", 5, 9, 0.7)),
                        List.of(new Bone(0, 1)), List.of(-0.5, 0.25), "coco-17")),
                "Camera.001", 640, 480, T, VisionJsonLd.CONTEXT);
        JsonObject node = expandOne(EventJson.write(keypoints));

        JsonObject set = list(node, "keypointSet").getJsonObject(0);
        assertThat(value(set, "skeleton")).isEqualTo("coco-17");
        JsonArray points = list(set, "keypoints");
        assertThat(value(points.getJsonObject(1), "keypointName")).isEqualTo("left_eye");
        JsonObject bone = list(set, "kinematicChain").getJsonObject(0);
        assertThat(value(bone, "from")).isEqualTo("0");
        assertThat(value(bone, "to")).isEqualTo("1");
        assertThat(list(set, "poseVector")).extracting(v -> v.asJsonObject().get("@value").toString())
                .containsExactly("-0.5", "0.25");
        assertThat(value(node, "capturedAt")).isEqualTo("2026-11-26T10:15:30.123Z");
    }

    @Test
    void theRestShapesRoundTrip() throws Exception {
        ModelCatalog catalog = new ModelCatalog(List.of(new ModelInfo("rf-detr", "0123456789ab", "0123456789ab" + "0"
                .repeat(52), "detection", "rf-detr", List.of(new TensorSpec("input", "float32", List.of(-1L, 3L, 64L,
                64L), List.of("B", "", "", ""))), List.of(), 64, 64, "stretch", "rgb", "float32", 91, 0.5, 1, 8,
                true)));
        InferenceResult result = new InferenceResult(null, "rf-detr", "0123456789ab", "detection", 200, 100,
                detections().detections(), List.of(), List.of(new ClassScore("0", 0.99)),
                new StageTimes(1.5, 0.25, 3, 0.125)).asJsonLd();
        var mapper = EventJson.mapper();
        assertThat(mapper.readValue(mapper.writeValueAsBytes(catalog), ModelCatalog.class)).isEqualTo(catalog);
        assertThat(mapper.readValue(mapper.writeValueAsBytes(result), InferenceResult.class)).isEqualTo(result);
        assertThat(result.context()).isEqualTo(VisionJsonLd.CONTEXT);
    }

    @Test
    void aTensorDescribesDynamicDimensionsByName() {
        assertThat(new TensorSpec("input", "float32", List.of(-1L, 3L, -1L, 64L), List.of("B", "", "", ""))
                .describe()).isEqualTo("input: float32 [B,3,?,64]");
    }

    @Test
    void eventIdsDeriveFromTopicFrameAndModel() {
        UUID once = VisionEventIds.of(Topics.DETECTIONS_NAME, FRAME, "rf-detr");
        assertThat(VisionEventIds.of(Topics.DETECTIONS_NAME, FRAME, "rf-detr")).isEqualTo(once);
        assertThat(VisionEventIds.of(Topics.DETECTIONS_NAME, FRAME, "yolo")).isNotEqualTo(once);
        assertThat(VisionEventIds.of(Topics.KEYPOINTS_NAME, FRAME, "rf-detr")).isNotEqualTo(once);
        assertThat(VisionEventIds.of(Topics.DETECTIONS_NAME, UUID.randomUUID(), "rf-detr")).isNotEqualTo(once);
    }

    private static Detections detections() {
        return new Detections(1, UUID.randomUUID(), SCENE, FRAME, "rf-detr", "0123456789ab", List.of(
                new Detection("chair", 0.91, new BoundingBox(10, 20, 30.5, 40.25),
                        "https://backpack.v-sekai.org/ns/classes/chair", 62),
                new Detection("person", 0.7, new BoundingBox(1, 2, 3, 4),
                        "https://backpack.v-sekai.org/ns/classes/person", 1)),
                "Camera.001", 640, 480, T, VisionJsonLd.CONTEXT);
    }

    /** Expands with only the bundled context available: any other URL fails, as in production. */
    private static JsonObject expandOne(byte[] json) throws JsonLdError {
        DocumentLoader bundledOnly = (URI url, DocumentLoaderOptions options) -> {
            if (!VisionJsonLd.CONTEXT.equals(url.toString())) {
                throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, "not bundled: " + url);
            }
            try (InputStream in = VisionJsonLd.open()) {
                Document context = JsonDocument.of(in);
                context.setDocumentUrl(url);
                return context;
            } catch (IOException e) {
                throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, e.getMessage());
            }
        };
        JsonArray expanded = JsonLd.expand(JsonDocument.of(new StringReader(new String(json, StandardCharsets.UTF_8))))
                .loader(bundledOnly).get();
        assertThat(expanded).hasSize(1);
        return expanded.getJsonObject(0);
    }

    private static String id(JsonObject node, String term) {
        return node.getJsonArray(BP + term).getJsonObject(0).getString("@id");
    }

    private static String value(JsonObject node, String term) {
        JsonValue value = node.getJsonArray(BP + term).getJsonObject(0).get("@value");
        return value.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) value).getString()
                : value.toString();
    }

    private static JsonArray list(JsonObject node, String term) {
        return node.getJsonArray(BP + term).getJsonObject(0).getJsonArray("@list");
    }
}
