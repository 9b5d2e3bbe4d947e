package org.vsekai.backpack.vision.ocr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.contracts.vision.VisionJsonLd;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.vision.Frames;
import org.vsekai.backpack.vision.OcrModels;
import org.vsekai.backpack.vision.model.ModelRegistry;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The OCR pipeline as the service runs it, on the real PaddleOCR models (skipped without them): {@code POST
 * /infer/ocr-det} answers the text of an uploaded image, and a camera frame's {@code detections} record carries
 * the same text annotations, on the real broker.
 */
@QuarkusTest
@TestProfile(OcrServiceTest.Ocr.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class OcrServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The three models as the OCR pipeline, the detector on the stream; nothing more when they are absent. */
    public static class Ocr implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            OcrModels.files().ifPresent(f -> {
                config.putAll(OcrModels.pipeline(f[0], f[1], f[2], f[3], 1));
                config.put("%test.backpack.vision.models.ocr-det.stream", "true");
            });
            return config;
        }
    }

    @Inject
    ModelRegistry registry;

    @Inject
    BlobStore blobs;

    @BeforeEach
    void needsTheModels() {
        Assumptions.assumeTrue(registry.find("ocr-det").isPresent(), "PaddleOCR models not found in "
                + "../shared/data/models (or -Dbackpack.shared-data): the real-model test is skipped in this run");
    }

    @Test
    void anUploadedImagesTextComesBackAsTextAnnotations() {
        byte[] png = Frames.encode(OcrPipelineTest.drawing(), "png");

        List<String> texts = given().contentType("image/png").body(png)
                .when().post("/infer/ocr-det")
                .then().statusCode(200)
                .extract().jsonPath().getList("detections.text", String.class);
        String context = given().contentType("image/png").accept(VisionJsonLd.MEDIA_TYPE).body(png)
                .when().post("/infer/ocr-det")
                .then().statusCode(200)
                .extract().jsonPath().getString("'@context'");

        assertThat(texts).containsExactlyElementsOf(OcrPipelineTest.LINES);
        assertThat(context).isEqualTo(VisionJsonLd.CONTEXT);
    }

    @Test
    void aCameraFramesTextIsPublishedWithItsDetections() {
        Frames frames = new Frames(blobs);
        UUID scene = UUID.randomUUID();
        CameraFrame frame = Frames.frame(scene, "Camera.001",
                frames.store(Frames.encode(OcrPipelineTest.drawing(), "png")), 960, 640);
        frames.send(frame);

        List<ConsumerRecord<String, byte[]>> found = frames.probe().await(Topics.DETECTIONS_NAME,
                r -> scene.toString().equals(r.key())
                        && "ocr-det".equals(EventJson.read(r.value(), Topics.DETECTIONS).model()), WAIT);

        assertThat(found).hasSize(1);
        Detections detections = EventJson.read(found.get(0).value(), Topics.DETECTIONS);
        assertThat(detections.context()).isEqualTo(VisionJsonLd.CONTEXT);
        assertThat(detections.detections()).extracting(Detection::text)
                .containsExactlyElementsOf(OcrPipelineTest.LINES);
        assertThat(detections.detections()).allSatisfy(d -> {
            assertThat(d.label()).isEqualTo("text");
            assertThat(d.textScore()).isGreaterThanOrEqualTo(0.5);
            assertThat(d.quad()).hasSize(4);
        });
    }
}
