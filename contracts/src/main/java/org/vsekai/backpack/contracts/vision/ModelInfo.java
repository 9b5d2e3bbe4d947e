package org.vsekai.backpack.contracts.vision;

import java.util.List;

/**
 * One model the vision service serves ({@code GET /models}).
 *
 * @param version     the first 12 hex digits of {@code sha256}: what events name as {@code modelVersion}
 * @param sha256      hash of the model file; a new file is a new version
 * @param task        {@code detection}, {@code pose}, {@code text-detection} or {@code classification}
 * @param decoder     how outputs are read ({@code rf-detr}, {@code yolo-nas-pose}, {@code yolov8-pose},
 *                    {@code db-text}, {@code classifier})
 * @param inputWidth  tensor width, null when it follows the image ({@code fit})
 * @param inputHeight tensor height, null when it follows the image
 * @param maxBatch    most images one run takes
 * @param stream      whether it runs on every {@code camera-frames} frame
 */
public record ModelInfo(String name, String version, String sha256, String task, String decoder,
                        List<TensorSpec> inputs, List<TensorSpec> outputs, Integer inputWidth, Integer inputHeight,
                        String resize, String colourOrder, String tensorType, int labels, double scoreThreshold,
                        int maxConcurrent, int maxBatch, boolean stream) {
}
