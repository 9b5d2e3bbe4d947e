package org.vsekai.backpack.vision.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.ClassScore;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.vision.SharedData;
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
    static final String DETECTOR = "ch_PP-OCRv4_det_infer.onnx";
    static final String CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_infer.onnx";

    private static LoadedModel detector;
    private static LoadedModel classifier;
    private final InferenceEngine engine = TestConfigs.engine();

    @BeforeAll
    static void load() {
        Path det = SharedData.model(DETECTOR).orElse(null);
        Path cls = SharedData.model(CLASSIFIER).orElse(null);
        Assumptions.assumeTrue(det != null && cls != null, "PaddleOCR models not found in ../shared/data/models "
                + "(or -Dbackpack.shared-data): the real-model test is skipped in this run");
        VisionConfig config = TestConfigs.vision(paddleOcr(det, cls));
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

    /** The two models as a deployment would configure them, with PaddleOCR's own pre- and post-processing values. */
    static Map<String, String> paddleOcr(Path detector, Path classifier) {
        Map<String, String> config = new HashMap<>();
        String det = "%test.backpack.vision.models.ocr-det.";
        config.put(det + "file", detector.toString());
        config.put(det + "task", "text-detection");
        config.put(det + "decoder", "db-text");
        config.put(det + "resize", "fit");
        config.put(det + "max-side", "960");
        config.put(det + "colour-order", "bgr");
        config.put(det + "mean", "0.485,0.456,0.406");
        config.put(det + "std", "0.229,0.224,0.225");
        config.put(det + "score-threshold", "0.6");
        config.put(det + "session.intra-op-threads", "1");
        String cls = "%test.backpack.vision.models.ocr-cls.";
        config.put(cls + "file", classifier.toString());
        config.put(cls + "task", "classification");
        config.put(cls + "decoder", "classifier");
        config.put(cls + "resize", "height");
        config.put(cls + "input-width", "192");
        config.put(cls + "input-height", "48");
        config.put(cls + "pad-value", "128");
        config.put(cls + "colour-order", "bgr");
        config.put(cls + "mean", "0.5,0.5,0.5");
        config.put(cls + "std", "0.5,0.5,0.5");
        config.put(cls + "label-names", "0,180");
        config.put(cls + "session.intra-op-threads", "1");
        return config;
    }

    @Test
    void theDetectorFindsEveryDrawnLineWhereItWasDrawn() throws Exception {
        Drawing drawing = Drawing.drawn();

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
        Drawing drawing = Drawing.drawn();
        List<RgbImage> upright = new ArrayList<>();
        List<RgbImage> turned = new ArrayList<>();
        for (BoundingBox line : drawing.lines()) {
            BufferedImage crop = drawing.crop(line, 4);
            upright.add(rgb(crop));
            turned.add(rgb(rotate180(crop)));
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

    /** Black text on white at known places, and the ink box of each line (every non-white pixel it drew). */
    record Drawing(BufferedImage picture, List<BoundingBox> lines) {

        static Drawing drawn() {
            BufferedImage picture = new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = picture.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 800, 400);
            g.dispose();
            List<BoundingBox> lines = new ArrayList<>();
            lines.add(draw(picture, "Backpack 2026", new Font(Font.SANS_SERIF, Font.BOLD, 48), 60, 110));
            lines.add(draw(picture, "V-Sekai vision service", new Font(Font.SANS_SERIF, Font.PLAIN, 40), 60, 230));
            lines.add(draw(picture, "camera frames", new Font(Font.SERIF, Font.PLAIN, 36), 420, 340));
            return new Drawing(picture, lines);
        }

        private static BoundingBox draw(BufferedImage picture, String text, Font font, int x, int y) {
            BufferedImage alone = new BufferedImage(picture.getWidth(), picture.getHeight(),
                    BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = alone.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(Color.BLACK);
            g.drawString(text, x, y);
            g.dispose();
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxX = -1;
            int maxY = -1;
            for (int py = 0; py < alone.getHeight(); py++) {
                for (int px = 0; px < alone.getWidth(); px++) {
                    if ((alone.getRGB(px, py) >>> 24) != 0) {
                        minX = Math.min(minX, px);
                        maxX = Math.max(maxX, px);
                        minY = Math.min(minY, py);
                        maxY = Math.max(maxY, py);
                    }
                }
            }
            Graphics2D onto = picture.createGraphics();
            onto.drawImage(alone, 0, 0, null);
            onto.dispose();
            return new BoundingBox(minX, minY, maxX + 1 - minX, maxY + 1 - minY);
        }

        RgbImage image() {
            return rgb(picture);
        }

        BufferedImage crop(BoundingBox box, int margin) {
            int x = (int) box.x() - margin;
            int y = (int) box.y() - margin;
            return picture.getSubimage(x, y, (int) box.width() + 2 * margin, (int) box.height() + 2 * margin);
        }
    }

    private static BufferedImage rotate180(BufferedImage image) {
        AffineTransform turn = AffineTransform.getRotateInstance(Math.PI, image.getWidth() / 2.0,
                image.getHeight() / 2.0);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        new AffineTransformOp(turn, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
        return out;
    }

    static RgbImage rgb(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        return new RgbImage(image.getWidth(), image.getHeight(), pixels);
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
