package org.vsekai.backpack.vision.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.vision.OcrModels;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.TextDrawing;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.inference.InferenceEngine;
import org.vsekai.backpack.vision.metrics.VisionMetrics;
import org.vsekai.backpack.vision.model.ModelLoader;
import org.vsekai.backpack.vision.model.ModelRegistry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The full OCR pipeline on the real PaddleOCR PP-OCRv4 models: text drawn here with Java2D (several lines and sizes,
 * one line upside down, one slanted) is detected, cropped along each box, turned over where the classifier says so,
 * and read back exactly. The models come from {@code ../shared/data/models}; without them the test is skipped.
 */
public class OcrPipelineTest {

    private static final Logger LOG = Logger.getLogger(OcrPipelineTest.class);
    /** Top to bottom, as the detector orders its boxes. */
    public static final List<String> LINES = List.of("Backpack 2026", "V-Sekai vision service", "Frame 0042",
            "camera-frames", "slanted text");

    /** Space between words, in ems. */
    static final float GAP = 0.7f;

    private static Path[] files;

    @BeforeAll
    static void find() {
        files = OcrModels.files().orElse(null);
        Assumptions.assumeTrue(files != null, "PaddleOCR models not found in ../shared/data/models "
                + "(or -Dbackpack.shared-data): the real-model test is skipped in this run");
    }

    /**
     * Five lines on 960 × 640: three upright in three sizes, one turned by 180°, one slanted by 8°. Two lines have
     * their words {@link #GAP} em apart: PP-OCRv4's Chinese recogniser reads a font's own narrow space (about a third
     * of an em) between some words as no space at all (the space class at 0.13-0.22 there, measured on these fonts);
     * much wider, and the detector splits the words into boxes of their own.
     */
    public static BufferedImage drawing() {
        BufferedImage picture = new BufferedImage(960, 640, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        words(g, LINES.get(0), new Font(Font.SANS_SERIF, Font.BOLD, 56), 60, 90, GAP);
        words(g, LINES.get(1), new Font(Font.SANS_SERIF, Font.PLAIN, 40), 60, 190, GAP);
        words(g, LINES.get(2), new Font(Font.SERIF, Font.PLAIN, 28), 540, 270, 0);
        Graphics2D turned = (Graphics2D) g.create();
        turned.rotate(Math.PI, 300, 360);
        words(turned, LINES.get(3), new Font(Font.SANS_SERIF, Font.PLAIN, 44), 160, 375, 0); // upside down
        turned.dispose();
        Graphics2D slanted = (Graphics2D) g.create();
        slanted.rotate(Math.toRadians(-8), 520, 540);
        words(slanted, LINES.get(4), new Font(Font.SANS_SERIF, Font.PLAIN, 40), 520, 540, GAP);
        slanted.dispose();
        g.dispose();
        return picture;
    }

    /** The line from (x, y) on its baseline; with a gap (in ems), word by word that far apart. */
    private static void words(Graphics2D g, String line, Font font, int x, int y, float gap) {
        g.setFont(font);
        if (gap == 0) {
            g.drawString(line, x, y);
            return;
        }
        float at = x;
        for (String word : line.split(" ")) {
            g.drawString(word, at, y);
            at += g.getFontMetrics().stringWidth(word) + font.getSize() * gap;
        }
    }

    @Test
    void everyLineIsReadExactlyGreedyAndWithBeamSearch() throws Exception {
        for (int beam : new int[] {1, 5}) {
            VisionConfig config = TestConfigs.vision(OcrModels.pipeline(files[0], files[1], files[2], files[3],
                    beam));
            ModelRegistry registry = new ModelRegistry(ModelLoader.loadAll(Map.of(
                    "ocr-det", config.models().get("ocr-det"), "ocr-cls", config.models().get("ocr-cls"),
                    "ocr-rec", config.models().get("ocr-rec"))));
            try {
                InferenceEngine engine = new InferenceEngine(new VisionMetrics(new SimpleMeterRegistry()),
                        TextReaders.from(registry));
                List<Detection> found = engine.run(registry.find("ocr-det").orElseThrow(),
                        List.of(TextDrawing.rgb(drawing()))).findings().get(0).detections();

                LOG.infof("OCR (beam %d) read %s", beam, found.stream().map(d -> "'" + d.text() + "' "
                        + String.format("%.3f", d.textScore()) + " at " + d.box()).toList());
                assertThat(found.stream().map(Detection::text).toList()).as("beam width %d", beam)
                        .containsExactlyElementsOf(LINES);
                assertThat(found).allSatisfy(d -> {
                    assertThat(d.textScore()).isBetween(0.5, 1.0);
                    assertThat(d.quad()).hasSize(4);
                });
            } finally {
                registry.all().forEach(m -> m.close());
            }
        }
    }
}
