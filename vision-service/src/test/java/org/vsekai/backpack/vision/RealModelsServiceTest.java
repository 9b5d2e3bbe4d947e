package org.vsekai.backpack.vision;

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
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.contracts.vision.VisionJsonLd;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.contracts.audio.SpeechSegments;
import org.vsekai.backpack.vision.audio.Speech;
import org.vsekai.backpack.vision.audio.VoiceActivity;
import org.vsekai.backpack.vision.model.ModelRegistry;
import org.vsekai.backpack.vision.ocr.OcrPipelineTest;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The model tasks as the service runs them, on the real models (each test skipped without its models): {@code POST
 * /infer/ocr-det} answers the text of an uploaded image, a camera frame's {@code detections} record carries the
 * same text annotations, on the real broker; {@code POST /audio/segments} finds espeak-ng's speech.
 */
@QuarkusTest
@TestProfile(RealModelsServiceTest.RealModels.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class RealModelsServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * The three OCR models as the pipeline, the detector on the stream, and Silero VAD; nothing of what is absent.
     */
    public static class RealModels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            OcrModels.files().ifPresent(f -> {
                config.putAll(OcrModels.pipeline(f[0], f[1], f[2], f[3], 1));
                config.put("%test.backpack.vision.models.ocr-det.stream", "true");
            });
            config.put("%test.backpack.vision.embeddings.enabled", "true"); // from its Maven Central jar
            SharedData.model("silero_vad_v5.onnx").ifPresent(vad -> {
                config.put("%test.backpack.vision.audio.vad-model", vad.toString());
            });
            return config;
        }
    }

    @Inject
    ModelRegistry registry;

    @Inject
    BlobStore blobs;

    @Inject
    VoiceActivity voice;

    private void needsOcr() {
        Assumptions.assumeTrue(registry.find("ocr-det").isPresent(), "PaddleOCR models not found in "
                + "../shared/data/models (or -Dbackpack.shared-data): the real-model test is skipped in this run");
    }

    @Test
    void speechInAnUploadedWavComesBackAsSegments() throws Exception {
        Assumptions.assumeTrue(voice.available() && Speech.available(), "silero_vad_v5.onnx or espeak-ng missing:"
                + " the real-model test is skipped in this run");
        Speech.Track track = Speech.track(List.of("the backpack holds every scene"), List.of(700, 900));

        SpeechSegments found = given().contentType("audio/wav").body(Speech.wav(track.samples(), Speech.RATE, 1))
                .when().post("/audio/segments")
                .then().statusCode(200)
                .extract().as(SpeechSegments.class);

        assertThat(found.model()).isEqualTo(VoiceActivity.MODEL);
        assertThat(found.modelVersion()).hasSize(12);
        assertThat(found.segments()).hasSize(1);
        assertThat(Math.abs(found.segments().get(0).startMs() - track.speechMs().get(0)[0])).isLessThanOrEqualTo(100);
        assertThat(Math.abs(found.segments().get(0).endMs() - track.speechMs().get(0)[1])).isLessThanOrEqualTo(100);
    }

    @Test
    void textsComeBackAsUnitVectorsInOrderAndAnEmptyListIsAProblem() {
        List<List<Float>> vectors = given().contentType("application/json")
                .body("{\"texts\":[\"a puppy playing in the garden\",\"A young dog plays outside\"]}")
                .when().post("/embeddings")
                .then().statusCode(200).body("model", org.hamcrest.Matchers.equalTo("all-minilm-l6-v2-q"))
                .body("dimensions", org.hamcrest.Matchers.equalTo(384))
                .extract().jsonPath().getList("vectors");

        assertThat(vectors).hasSize(2).allSatisfy(v -> assertThat(v).hasSize(384));
        double norm = vectors.get(0).stream().mapToDouble(x -> x * x).sum();
        assertThat(norm).isBetween(0.9999, 1.0001);
        given().contentType("application/json").body("{\"texts\":[]}").when().post("/embeddings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://backpack.v-sekai.org/problems/embeddings/no-texts"));
    }

    @Test
    void anUploadedImagesTextComesBackAsTextAnnotations() {
        needsOcr();
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
        needsOcr();
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
