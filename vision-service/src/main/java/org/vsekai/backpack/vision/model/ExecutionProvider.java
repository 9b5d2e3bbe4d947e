package org.vsekai.backpack.vision.model;

/** Where ONNX Runtime runs a model: the Maven Central build has the CPU provider only; a CUDA build adds the GPU. */
public enum ExecutionProvider {
    CPU, CUDA
}
