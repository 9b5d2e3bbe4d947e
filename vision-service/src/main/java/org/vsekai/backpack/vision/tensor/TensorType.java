package org.vsekai.backpack.vision.tensor;

/** The element type of an image tensor: normalised floats, or raw 0-255 bytes. */
public enum TensorType {
    FLOAT32, UINT8
}
