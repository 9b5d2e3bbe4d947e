package org.vsekai.backpack.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vsekai.backpack.launcher.suite.VisionModels;

/**
 * The vision models of the end-to-end suite: two of the vision-service's tiny test models (RF-DETR and
 * YOLO-NAS-Pose signatures, constant outputs; {@code vision-service/src/test/python/make_tiny_models.py} writes
 * them), read where that script commits them rather than copied, configured as the vision-service's own tests
 * configure them and run on every camera frame. Their findings are known: on a white frame RF-DETR finds a person,
 * a chair, a person and a car (the first person only because the frame is bright), YOLO-NAS-Pose two bodies.
 * Test-only models stay out of every jar.
 */
final class TinyVisionModels {

    static final String DETECTOR = "rf-detr";
    static final String POSE = "yolo-nas-pose";

    private TinyVisionModels() {
    }

    static VisionModels of(Path repositoryRoot) {
        Path models = repositoryRoot.resolve("vision-service/src/test/resources/models");
        Path detector = models.resolve("tiny-rf-detr.onnx");
        Path pose = models.resolve("tiny-yolo-nas-pose.onnx");
        if (!Files.isRegularFile(detector) || !Files.isRegularFile(pose)) {
            throw new IllegalStateException("the tiny vision models are missing from " + models
                    + "; make them with /usr/bin/python3 vision-service/src/test/python/make_tiny_models.py");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        VisionModels.model(keys, DETECTOR, "file", detector.toString(), "task", "detection", "decoder", "rf-detr",
                "mean", "0.485,0.456,0.406", "std", "0.229,0.224,0.225", "stream", "true",
                "session.intra-op-threads", "1");
        VisionModels.model(keys, POSE, "file", pose.toString(), "task", "pose", "decoder", "yolo-nas-pose",
                "tensor-type", "uint8", "resize", "letterbox", "letterbox-anchor", "top-left", "pad-value", "127",
                "stream", "true", "session.intra-op-threads", "1");
        return new VisionModels(keys, DETECTOR + " and " + POSE + " (tiny test models from " + models + ")");
    }
}
