package org.vsekai.backpack.vision;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** PaddleOCR's detector and orientation classifier, configured as a deployment would, for tests and the benchmark. */
public final class OcrModels {

    public static final String DETECTOR = "ch_PP-OCRv4_det_infer.onnx";
    public static final String CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    public static final String RECOGNISER = "ch_PP-OCRv4_rec_infer.onnx";
    public static final String DICTIONARY = "ppocr_keys_v1.txt";

    private OcrModels() {
    }

    /** The two models as a deployment would configure them, with PaddleOCR's own pre- and post-processing values. */
    public static Map<String, String> config(Path detector, Path classifier) {
        Map<String, String> config = new HashMap<>();
        model(config, "ocr-det", "file", detector.toString(), "task", "text-detection", "decoder", "db-text",
                "resize", "fit", "max-side", "960", "colour-order", "bgr", "mean", "0.485,0.456,0.406",
                "std", "0.229,0.224,0.225", "score-threshold", "0.6", "session.intra-op-threads", "1");
        model(config, "ocr-cls", "file", classifier.toString(), "task", "classification", "decoder", "classifier",
                "resize", "height", "input-width", "192", "input-height", "48", "pad-value", "128",
                "colour-order", "bgr", "mean", "0.5,0.5,0.5", "std", "0.5,0.5,0.5", "label-names", "0,180",
                "session.intra-op-threads", "1");
        return config;
    }

    /**
     * All three as the full OCR pipeline: the detector reads its boxes with the recogniser (PaddleOCR's rec_image_shape
     * 3,48,320, wider for longer lines, BGR, (px/255-0.5)/0.5, padding 0 after normalisation), turning them over by the
     * classifier first; {@code beamWidth} 1 is greedy CTC.
     */
    public static Map<String, String> pipeline(Path detector, Path classifier, Path recogniser, Path dictionary,
                                               int beamWidth) {
        Map<String, String> config = config(detector, classifier);
        model(config, "ocr-rec", "file", recogniser.toString(), "task", "text-recognition", "decoder", "ctc",
                "resize", "line", "input-width", "320", "input-height", "48", "max-side", "3200", "pad-value", "128",
                "colour-order", "bgr", "mean", "0.5,0.5,0.5", "std", "0.5,0.5,0.5", "labels", dictionary.toString(),
                "ctc.beam-width", String.valueOf(beamWidth), "max-batch", "6", "session.intra-op-threads", "1");
        model(config, "ocr-det", "ocr.recogniser", "ocr-rec", "ocr.classifier", "ocr-cls");
        return config;
    }

    /** The four files from shared/data, when all are there. */
    public static java.util.Optional<Path[]> files() {
        var det = SharedData.model(DETECTOR);
        var cls = SharedData.model(CLASSIFIER);
        var rec = SharedData.model(RECOGNISER);
        var keys = SharedData.model(DICTIONARY);
        if (det.isEmpty() || cls.isEmpty() || rec.isEmpty() || keys.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Path[] {det.get(), cls.get(), rec.get(), keys.get()});
    }

    /** The model's keys, in the test profile, from name, value pairs. */
    private static void model(Map<String, String> config, String name, String... keysAndValues) {
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            config.put("%test.backpack.vision.models." + name + "." + keysAndValues[i], keysAndValues[i + 1]);
        }
    }
}
