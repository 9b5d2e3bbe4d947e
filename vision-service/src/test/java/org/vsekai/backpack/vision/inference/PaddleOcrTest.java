package org.vsekai.backpack.vision.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.ClassScore;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.vision.OcrModels;
import org.vsekai.backpack.vision.SharedData;
import org.vsekai.backpack.vision.TextDrawing;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.model.ModelLoader;

/**
 * A real model end to end: PaddleOCR PP-OCRv4 text detection (DB) on an image with lines of text drawn here with
 * Java2D, whose ink boxes are known, and PaddleOCR's text-orientation classifier on upright and rotated crops of it.
 * The models are read from {@code ../shared/data/models} (see {@link SharedData}); without them the test is skipped.
 */
class PaddleOcrTest {

    private static final Logger LOG = Logger.getLogger(PaddleOcrTest.class);
    /** Each drawn line must be found with at least this intersection over union. */
    static final double MIN_IOU = 0.7;

    private static LoadedModel detector;
    private static LoadedModel classifier;
    private final InferenceEngine engine = TestConfigs.engine();

    @BeforeAll
    static void load() {
        Path det = SharedData.model(OcrModels.DETECTOR).orElse(null);
        Path cls = SharedData.model(OcrModels.CLASSIFIER).orElse(null);
        Assumptions.assumeTrue(det != null && cls != null, "PaddleOCR models not found in ../shared/data/models "
                + "(or -Dbackpack.shared-data): the real-model test is skipped in this run");
        VisionConfig config = TestConfigs.vision(OcrModels.config(det, cls));
        detector = ModelLoader.load("ocr-det", config.models().get("ocr-det"));
        classifier = ModelLoader.load("ocr-cls", config.models().get("ocr-cls"));
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
            classifier.close();
        }
    }

    @Test
    void theDetectorFindsEveryDrawnLineWhereItWasDrawn() throws Exception {
        TextDrawing drawing = TextDrawing.drawn();

        List<Detection> found = engine.run(detector, List.of(drawing.image())).findings().get(0).detections();

        LOG.infof("Drawn lines %s, detected %s", drawing.lines(), found.stream().map(Detection::box).toList());
        assertThat(found).as("one box per line").hasSameSizeAs(drawing.lines());
        List<Double> ious = new ArrayList<>();
        for (BoundingBox line : drawing.lines()) {
            double best = found.stream().mapToDouble(d -> iou(line, d.box())).max().orElse(0);
            ious.add(best);
        }
        LOG.infof("IoU of each drawn line with its detection: %s (threshold %.2f)", ious, MIN_IOU);
        assertThat(ious).allSatisfy(iou -> assertThat(iou).isGreaterThanOrEqualTo(MIN_IOU));
        assertThat(found).allSatisfy(d -> assertThat(d.label()).isEqualTo("text"));
    }

    @Test
    void theClassifierTellsUprightTextFromTextTurnedOver() throws Exception {
        TextDrawing drawing = TextDrawing.drawn();
        List<RgbImage> upright = new ArrayList<>();
        List<RgbImage> turned = new ArrayList<>();
        for (BoundingBox line : drawing.lines()) {
            BufferedImage crop = drawing.crop(line, 4);
            upright.add(TextDrawing.rgb(crop));
            turned.add(TextDrawing.rgb(rotate180(crop)));
        }

        List<ClassScore> uprightTop = top(upright);
        List<ClassScore> turnedTop = top(turned);

        LOG.infof("Orientation of upright crops %s, of turned ones %s", uprightTop, turnedTop);
        assertThat(uprightTop).allSatisfy(c -> assertThat(c.label()).isEqualTo("0"));
        assertThat(turnedTop).allSatisfy(c -> assertThat(c.label()).isEqualTo("180"));
    }

    private List<ClassScore> top(List<RgbImage> crops) throws Exception {
        return engine.run(classifier, crops).findings().stream().map(f -> f.classes().get(0)).toList();
    }

    private static BufferedImage rotate180(BufferedImage image) {
        AffineTransform turn = AffineTransform.getRotateInstance(Math.PI, image.getWidth() / 2.0,
                image.getHeight() / 2.0);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        new AffineTransformOp(turn, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
        return out;
    }

    static double iou(BoundingBox a, BoundingBox b) {
        double w = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        double h = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double intersection = w * h;
        return intersection / (a.width() * a.height() + b.width() * b.height() - intersection);
    }
}
