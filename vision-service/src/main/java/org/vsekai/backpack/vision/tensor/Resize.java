package org.vsekai.backpack.vision.tensor;

/**
 * How an image becomes the tensor's size: stretched to it, letterboxed into it (aspect kept, padded), fitted
 * (aspect kept, sides rounded to a stride: the tensor follows the image), or scaled to the tensor's height and
 * padded on the right (PaddleOCR's classifier), or a text line: scaled to the tensor's height, aspect kept, the
 * tensor as wide as the line but at least the configured width and at most {@code max-side} (PaddleOCR's
 * recogniser).
 */
public enum Resize {
    STRETCH, LETTERBOX, FIT, HEIGHT, LINE
}
