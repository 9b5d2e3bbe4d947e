package org.vsekai.backpack.vision.decode;

import java.util.List;

import org.vsekai.backpack.vision.model.Labels;

/**
 * A decoder's thresholds and names, from the model's configuration.
 *
 * @param outputs the model's output names in order, for decoders that take outputs by position
 */
public record DecoderSettings(Labels labels, double scoreThreshold, double iouThreshold, int maxDetections,
                              double keypointThreshold, double binaryThreshold, double unclipRatio, int minSize,
                              List<String> outputs, int beamWidth) {

    /** Settings of a decoder that is not CTC (greedy). */
    public DecoderSettings(Labels labels, double scoreThreshold, double iouThreshold, int maxDetections,
                           double keypointThreshold, double binaryThreshold, double unclipRatio, int minSize,
                           List<String> outputs) {
        this(labels, scoreThreshold, iouThreshold, maxDetections, keypointThreshold, binaryThreshold, unclipRatio,
                minSize, outputs, 1);
    }
}
