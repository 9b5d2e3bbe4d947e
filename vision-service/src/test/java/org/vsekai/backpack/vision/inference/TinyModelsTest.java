package org.vsekai.backpack.vision.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.TinyModels;
import org.vsekai.backpack.vision.decode.ImageFindings;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.pose.CocoSkeleton;

/**
 * Every decoder on a tiny model of its real signature (src/test/python/make_tiny_models.py): the outputs are the
 * constants written there, so boxes and keypoints are known to the pixel after pre-processing, run and decoding.
 */
class TinyModelsTest {

    private static final Offset<Double> PIXEL = within(1e-3);

    @RegisterExtension
    static final TinyModels MODELS = new TinyModels();

    private final InferenceEngine engine = TestConfigs.engine();

    @Test
    void rfDetrTakesTheBestQueryClassPairsAndScalesNormalisedBoxesToTheImage() throws Exception {
        ImageFindings white = run("rf-detr", solid(200, 100, 0xFFFFFF)).get(0);

        // ImageNet-normalised white averages 2.4392 over the tensor, query 3's person logit.
        double brightPerson = sigmoid(((1 - 0.485) / 0.229 + (1 - 0.456) / 0.224 + (1 - 0.406) / 0.225) / 3);
        assertThat(white.detections()).extracting(Detection::label)
                .containsExactly("person", "chair", "person", "car");
        assertScores(white.detections().stream().map(Detection::score).toList(),
                brightPerson, sigmoid(2.0), sigmoid(1.0), sigmoid(0.5));
        assertBox(white.detections().get(0).box(), 50, 0, 100, 50);
        assertBox(white.detections().get(1).box(), 30, 30, 40, 40);
        assertBox(white.detections().get(2).box(), 120, 20, 60, 60);
        assertBox(white.detections().get(3).box(), 120, 20, 60, 60);
        assertThat(white.detections().get(1).classId()).as("the COCO category id").isEqualTo(62);
        assertThat(white.detections().get(1).classIri()).isEqualTo("https://backpack.v-sekai.org/ns/classes/chair");
    }

    @Test
    void aBatchKeepsEachImageItsOwnFindings() throws Exception {
        List<ImageFindings> both = run("rf-detr", solid(200, 100, 0xFFFFFF), solid(64, 64, 0x000000),
                solid(200, 100, 0xFFFFFF));

        assertThat(both).hasSize(3);
        assertThat(both.get(0).detections()).hasSize(4);
        assertThat(both.get(1).detections()).as("dark: query 3 stays below the threshold")
                .extracting(Detection::label).containsExactly("chair", "person", "car");
        assertBox(both.get(1).detections().get(0).box(), 9.6, 19.2, 12.8, 25.6);
        assertThat(both.get(2)).isEqualTo(both.get(0));
    }

    @Test
    void yoloNasPoseReadsOnlyTheCountedRowsAndUndoesATopLeftLetterbox() throws Exception {
        // 1280x1280 letterboxed into 640x640: scale 0.5, no padding, so tensor pixels double.
        ImageFindings found = run("yolo-nas-pose", solid(1280, 1280, 0x808080)).get(0);

        assertThat(found.people()).as("count 2: row 2 is padding despite its 0.99").hasSize(2);
        KeypointSet first = found.people().get(0);
        assertThat(first.score()).isCloseTo(0.95, within(1e-6));
        assertBox(first.box(), 200, 400, 400, 800);
        assertThat(first.points()).hasSize(17);
        for (int k = 0; k < 17; k++) {
            Keypoint point = first.points().get(k);
            assertThat(point.name()).isEqualTo(CocoSkeleton.POINTS.get(k));
            assertThat(point.x()).isCloseTo(2.0 * (150 + 10 * k), PIXEL);
            assertThat(point.y()).isCloseTo(Math.min(1280, 2.0 * (250 + 20 * k)), PIXEL);
            assertThat(point.score()).isCloseTo(k == 16 ? 0.2 : 0.9, within(1e-6));
        }
        assertThat(first.chain()).isEqualTo(CocoSkeleton.CHAIN);
        assertThat(first.skeleton()).isEqualTo("coco-17");
        assertThat(first.vector()).hasSize(34);
        assertThat(first.vector().subList(32, 34)).as("the right ankle is below the keypoint threshold")
                .containsExactly(0.0, 0.0);
        assertBox(found.people().get(1).box(), 800, 200, 200, 400);
    }

    @Test
    void yoloV8PoseThresholdsSuppressesOverlapsAndUndoesACentredLetterbox() throws Exception {
        // 1280x640 letterboxed into 640x640: scale 0.5 and 160 rows of padding above.
        ImageFindings found = run("yolov8-pose", solid(1280, 640, 0x404040)).get(0);

        // Anchor 1 overlaps anchor 0, anchor 3 is below the threshold.
        assertScores(found.people().stream().map(KeypointSet::score).toList(), 0.9, 0.7);
        KeypointSet first = found.people().get(0);
        assertBox(first.box(), 540, 120, 200, 400);
        for (int k = 0; k < 17; k++) {
            assertThat(first.points().get(k).x()).isCloseTo(2.0 * (300 + 4 * k), PIXEL);
            assertThat(first.points().get(k).y()).isCloseTo(2.0 * (250 + 6 * k - 160), PIXEL);
        }
        assertBox(found.people().get(1).box(), 160, 100, 80, 160);
        assertThat(found.people().get(1).vector().subList(0, 2)).as("the nose's confidence is 0.1")
                .containsExactly(0.0, 0.0);
    }

    private List<ImageFindings> run(String model, RgbImage... images) throws Exception {
        return engine.run(MODELS.get(model), List.of(images)).findings();
    }

    static RgbImage solid(int width, int height, int rgb) {
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, rgb);
        return new RgbImage(width, height, pixels);
    }

    private static void assertScores(List<Double> actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual.get(i)).as("score %d", i).isCloseTo(expected[i], within(1e-5));
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static void assertBox(BoundingBox box, double x, double y, double width, double height) {
        assertThat(box.x()).as("x").isCloseTo(x, PIXEL);
        assertThat(box.y()).as("y").isCloseTo(y, PIXEL);
        assertThat(box.width()).as("width").isCloseTo(width, PIXEL);
        assertThat(box.height()).as("height").isCloseTo(height, PIXEL);
    }
}
