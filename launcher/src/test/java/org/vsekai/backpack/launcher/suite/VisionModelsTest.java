package org.vsekai.backpack.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionModelsTest {

    @TempDir
    Path temp;

    @Test
    void theStandardModelsAreThePaddleOcrDetectorWhenTheSharedDataBesideTheRepositoryHasIt() throws IOException {
        // A worktree sits a level deeper than the main checkout: shared/data is found in an ancestor.
        Path root = Files.createDirectories(temp.resolve("wt/scene-path"));
        Path models = Files.createDirectories(temp.resolve("shared/data/models"));
        Path detector = Files.writeString(models.resolve(VisionModels.OCR_DETECTOR_FILE), "onnx");

        VisionModels standard = VisionModels.standard(root);

        assertThat(standard.names()).containsExactly("ocr-det");
        assertThat(standard.properties())
                .containsEntry("backpack.vision.models.ocr-det.file", detector.toAbsolutePath().toString())
                .containsEntry("backpack.vision.models.ocr-det.decoder", "db-text")
                .containsEntry("backpack.vision.models.ocr-det.stream", "true");
        assertThat(standard.description()).contains("PaddleOCR", detector.toString());
    }

    @Test
    void withoutTheDetectorFileThereAreNoModelsAndTheDescriptionSaysWhy() throws IOException {
        Path root = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectories(temp.resolve("shared/data/models"));

        VisionModels standard = VisionModels.standard(root);

        assertThat(standard.isEmpty()).isTrue();
        assertThat(standard.description()).startsWith("none (").contains(VisionModels.OCR_DETECTOR_FILE);
    }

    @Test
    void aFileOfModelsIsReadAndWrittenBackKeyForKey() throws IOException {
        Path file = Files.writeString(temp.resolve("models.properties"), """
                backpack.vision.models.rf-detr.file=/models/rf-detr.onnx
                backpack.vision.models.rf-detr.stream=true
                backpack.vision.models.pose.file=/models/pose.onnx
                """);

        VisionModels read = VisionModels.fromFile(file);
        Properties written = load(read.write(temp.resolve("out/vision-models.properties")));

        assertThat(read.names()).containsExactly("pose", "rf-detr");
        assertThat(written).hasSize(3).containsEntry("backpack.vision.models.rf-detr.stream", "true");
    }

    @Test
    void keysOutsideTheModelsAreRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("other.properties"), "quarkus.http.port=1\n");

        assertThatThrownBy(() -> VisionModels.fromFile(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quarkus.http.port");
    }

    @Test
    void onlyTheVisionServiceGetsTheModelsAsOneFileNamedByOneProperty() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        // Long values: as -D flags, a few models like these would pass ONNX Runtime's command-line limit.
        for (int i = 0; i < 40; i++) {
            VisionModels.model(keys, "model-" + i, "file", "/a/long/path/to/a/model/file/number-" + i + ".onnx",
                    "mean", "0.485,0.456,0.406", "std", "0.229,0.224,0.225");
        }
        VisionModels models = new VisionModels(keys, "many");

        List<String> vision = ServiceCommandLine.visionModelProperties(ServiceSpec.VISION, models, temp);

        assertThat(vision).hasSize(1);
        assertThat(vision.get(0)).startsWith("quarkus.config.locations=file:").hasSizeLessThan(200);
        Path file = Path.of(URI.create(vision.get(0).substring("quarkus.config.locations=".length())));
        assertThat(load(file)).hasSize(120)
                .containsEntry("backpack.vision.models.model-7.file", "/a/long/path/to/a/model/file/number-7.onnx");
        for (ServiceSpec other : List.of(ServiceSpec.GATEWAY, ServiceSpec.INGEST, ServiceSpec.METADATA,
                ServiceSpec.RECOMMENDER)) {
            assertThat(ServiceCommandLine.visionModelProperties(other, models, temp)).as(other.name()).isEmpty();
        }
        assertThat(ServiceCommandLine.visionModelProperties(ServiceSpec.VISION, VisionModels.none("test"), temp))
                .isEmpty();
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
