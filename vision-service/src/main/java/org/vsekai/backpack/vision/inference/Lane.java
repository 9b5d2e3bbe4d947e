package org.vsekai.backpack.vision.inference;

/** Where work comes from: interactive requests are always taken before stream work. */
public enum Lane {
    INTERACTIVE, STREAM
}
