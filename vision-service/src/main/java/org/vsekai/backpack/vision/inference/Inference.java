package org.vsekai.backpack.vision.inference;

import java.util.List;

import org.vsekai.backpack.vision.decode.ImageFindings;

/** The findings of one model on a list of images, in their order, and the time each stage took in all. */
public record Inference(List<ImageFindings> findings, long preNanos, long runNanos, long postNanos) {
}
