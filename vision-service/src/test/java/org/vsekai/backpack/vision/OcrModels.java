package org.vsekai.backpack.vision;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** PaddleOCR's detector and orientation classifier, configured as a deployment would, for tests and the benchmark. */
public final class OcrModels {

    public static final String DETECTOR = "ch_PP-OCRv4_det_infer.onnx";
    public static final String CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_infer.onnx";

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

    /** The model's keys, in the test profile, from name, value pairs. */
    private static void model(Map<String, String> config, String name, String... keysAndValues) {
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            config.put("%test.backpack.vision.models." + name + "." + keysAndValues[i], keysAndValues[i + 1]);
        }
    }
}
