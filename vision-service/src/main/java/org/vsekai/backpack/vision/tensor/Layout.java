package org.vsekai.backpack.vision.tensor;

/** Channels first (NCHW) or last (NHWC). */
public enum Layout {
    NCHW, NHWC
}
