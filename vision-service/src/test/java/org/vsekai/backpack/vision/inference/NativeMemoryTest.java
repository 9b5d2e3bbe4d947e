package org.vsekai.backpack.vision.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.TinyModels;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.tensor.Placement;
import org.vsekai.backpack.vision.tensor.Preprocessing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;

/**
 * Tensors and results are closed: thousands of inferences leave the process's resident memory (VmRSS, which counts
 * native memory the Java heap does not) within a bound after warm-up. That the measure can see a leak is checked
 * too, by holding results open on purpose.
 */
@Tag("native-memory") // runs in a JVM of its own: see the native-memory execution in the pom
class NativeMemoryTest {

    private static final Logger LOG = Logger.getLogger(NativeMemoryTest.class);
    /** Growth allowed after warm-up: room for the JVM's own heap and code-cache growth, far below any leak's. */
    private static final long BOUND_KB = 64 * 1024;
    private static final int WARM_UP = 500;
    private static final int RUNS = 4000;

    @RegisterExtension
    static final TinyModels MODELS = new TinyModels();

    private final InferenceEngine engine = TestConfigs.engine();

    @Test
    void thousandsOfInferencesKeepResidentMemoryFlat() throws Exception {
        LoadedModel detr = MODELS.get("rf-detr");
        LoadedModel pose = MODELS.get("yolo-nas-pose");
        List<RgbImage> batch = List.of(noise(160, 120, 1), noise(120, 160, 2));
        List<RgbImage> people = List.of(noise(320, 240, 3));
        for (int i = 0; i < WARM_UP; i++) {
            run(i, detr, pose, batch, people);
        }
        long baseline = residentKb();
        long highest = baseline;
        for (int i = 0; i < RUNS; i++) {
            run(i, detr, pose, batch, people);
            if (i % 250 == 0) {
                highest = Math.max(highest, residentKb());
                assertThat(highest - baseline).as("resident memory growth after %d runs, kB", i)
                        .isLessThan(BOUND_KB); // fail early rather than exhaust a shared machine
            }
        }
        long end = residentKb();
        LOG.infof("VmRSS after %d warm-up runs %d kB, after %d more %d kB (highest %d kB)", WARM_UP, baseline, RUNS,
                end, highest);
        assertThat(end - baseline).as("resident memory growth over %d inferences, kB", RUNS).isLessThan(BOUND_KB);
    }

    @Test
    void theMeasureSeesResultsThatAreNotClosed() throws Exception {
        LoadedModel pose = MODELS.get("yolov8-pose");
        Preprocessing pre = pose.preprocessing();
        Placement placement = pre.place(640, 640);
        List<OrtSession.Result> open = new ArrayList<>();
        long before = residentKb();
        try (OnnxTensor input = OnnxTensor.createTensor(engine.environment(),
                java.nio.FloatBuffer.allocate(Preprocessing.elements(placement)), pre.shape(1, placement))) {
            // Each result holds output0, [1,56,8400] floats: 1.9 MB of native memory.
            for (int i = 0; i < 60; i++) {
                open.add(pose.run(input));
            }
            long held = residentKb();
            LOG.infof("VmRSS with 60 results held open: %d kB more", held - before);
            assertThat(held - before).as("60 results held open, kB").isGreaterThan(BOUND_KB);
        } finally {
            open.forEach(OrtSession.Result::close);
        }
    }

    private void run(int i, LoadedModel detr, LoadedModel pose, List<RgbImage> batch, List<RgbImage> people)
            throws Exception {
        Inference found = engine.run(detr, batch);
        assertThat(found.findings()).hasSize(2);
        if (i % 10 == 0) {
            assertThat(engine.run(pose, people).findings().get(0).people()).hasSize(2);
        }
    }

    private static RgbImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(0x1000000);
        }
        return new RgbImage(width, height, pixels);
    }

    /** VmRSS of /proc/self/status, in kB. */
    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
