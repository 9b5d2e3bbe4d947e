package org.vsekai.backpack.vision.model;

/** ONNX Runtime's graph optimisation level. */
public enum Optimisation {
    NONE, BASIC, EXTENDED, ALL
}
