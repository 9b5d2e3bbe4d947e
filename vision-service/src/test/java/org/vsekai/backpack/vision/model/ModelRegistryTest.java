package org.vsekai.backpack.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.vision.ModelInfo;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.config.VisionConfig;

/** What loading a model checks, and what it reports when a check fails. */
class ModelRegistryTest {

    @Test
    void aModelIsDescribedByItsFileHashAndSignature() throws Exception {
        try (LoadedModel model = load("rf-detr", Map.of())) {
            ModelInfo info = model.info();
            assertThat(info.sha256()).isEqualTo(sha256("models/tiny-rf-detr.onnx"));
            assertThat(info.version()).isEqualTo(info.sha256().substring(0, 12));
            assertThat(info.inputs()).singleElement().satisfies(input -> {
                assertThat(input.describe()).isEqualTo("input: float32 [B,3,64,64]");
            });
            assertThat(info.outputs()).extracting(o -> o.describe())
                    .containsExactly("dets: float32 [B,300,4]", "labels: float32 [B,300,91]");
            assertThat(info.inputWidth()).as("read from the file").isEqualTo(64);
            assertThat(info.labels()).isEqualTo(91);
            assertThat(info.maxBatch()).isEqualTo(8);
        }
        try (LoadedModel fixed = load("yolov8-pose", Map.of())) {
            assertThat(fixed.maxBatch()).as("the file fixes the batch at 1").isEqualTo(1);
        }
    }

    @Test
    void aModelWithOtherInputsAndOutputsThanItsDecoderReadsFailsNamingBoth() {
        assertThatThrownBy(() -> load("rf-detr", Map.of("file", "classpath:models/tiny-yolov8-pose.onnx")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model rf-detr does not have the signature decoder rf-detr needs")
                .hasMessageContaining("expected inputs input: float32 [B,3,R,R]; outputs dets: float32 [B,Q,4], "
                        + "labels: float32 [B,Q,C]")
                .hasMessageContaining("actual inputs images: float32 [1,3,640,640]; outputs output0: float32 "
                        + "[1,56,8400]")
                .hasMessageContaining("input images is named images, not input");
    }

    @Test
    void theTensorTypeMustBeTheModels() {
        assertThatThrownBy(() -> load("yolo-nas-pose", Map.of("tensor-type", "float32")))
                .hasMessageContaining("input input has type uint8, not float32");
    }

    @Test
    void aMissingFileOrResourceFailsNamingTheKey() {
        assertThatThrownBy(() -> load("rf-detr", Map.of("file", "target/no-such-model.onnx")))
                .hasMessageContaining("no-such-model.onnx does not exist (backpack.vision.models.rf-detr.file)");
        assertThatThrownBy(() -> load("rf-detr", Map.of("file", "classpath:models/none.onnx")))
                .hasMessageContaining("no class-path resource models/none.onnx");
    }

    @Test
    void labelsMustMatchTheClassesAndTheTaskTheDecoder() {
        assertThatThrownBy(() -> load("rf-detr", Map.of("label-names", "chair,table")))
                .hasMessageContaining("has 91 classes but 2 labels");
        assertThatThrownBy(() -> load("rf-detr", Map.of("task", "pose")))
                .hasMessageContaining("decoder rf-detr serves task detection, not pose");
    }

    @Test
    void aConfiguredSizeMustAgreeWithTheFile() {
        assertThatThrownBy(() -> load("rf-detr", Map.of("input-width", "32")))
                .hasMessageContaining("takes input width 64, but backpack.vision.models.rf-detr.input-width is 32");
    }

    @Test
    void aStreamModelCannotBeAClassifier() {
        assertThatThrownBy(() -> load("yolov8-pose", Map.of("task", "classification", "decoder", "classifier",
                "stream", "true", "label-names", "a,b")))
                .hasMessageContaining("is a classification model; only detection, pose and text-detection models run"
                        + " on camera");
        assertThatThrownBy(() -> load("yolov8-pose", Map.of("task", "text-recognition", "decoder", "ctc",
                "stream", "true", "label-names", "a,b")))
                .hasMessageContaining("is a text-recognition model; only detection");
    }

    @Test
    void onlyATextDetectorReadsTextAndAClassifierNeedsARecogniser() {
        ModelRegistry reads = registryWith(Map.of("ocr.recogniser", "yolov8-pose"));
        try {
            assertThatThrownBy(() -> org.vsekai.backpack.vision.ocr.TextReaders.from(reads))
                    .hasMessageContaining("model rf-detr is a detection model; only text-detection models read text"
                            + " (backpack.vision.models.rf-detr.ocr.recogniser)");
        } finally {
            reads.all().forEach(LoadedModel::close);
        }
        ModelRegistry turns = registryWith(Map.of("ocr.classifier", "yolov8-pose"));
        try {
            assertThatThrownBy(() -> org.vsekai.backpack.vision.ocr.TextReaders.from(turns))
                    .hasMessageContaining("backpack.vision.models.rf-detr.ocr.classifier needs "
                            + "backpack.vision.models.rf-detr.ocr.recogniser");
        } finally {
            turns.all().forEach(LoadedModel::close);
        }
    }

    /** The test profile's models, rf-detr with the OCR keys given. */
    private static ModelRegistry registryWith(Map<String, String> rfDetr) {
        Map<String, String> extra = new HashMap<>();
        rfDetr.forEach((key, value) -> extra.put("%test.backpack.vision.models.rf-detr." + key, value));
        return new ModelRegistry(ModelLoader.loadAll(TestConfigs.vision(extra).models()));
    }

    private static LoadedModel load(String name, Map<String, String> overrides) {
        Map<String, String> extra = new HashMap<>();
        overrides.forEach((key, value) -> extra.put("%test.backpack.vision.models." + name + "." + key, value));
        VisionConfig config = TestConfigs.vision(extra);
        return ModelLoader.load(name, config.models().get(name));
    }

    private static String sha256(String resource) throws Exception {
        try (InputStream in = ModelRegistryTest.class.getClassLoader().getResourceAsStream(resource)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }
}
