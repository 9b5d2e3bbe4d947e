package org.vsekai.backpack.vision.model;

import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.vsekai.backpack.contracts.vision.ModelInfo;
import org.vsekai.backpack.vision.config.ConfigNames;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.decode.Decoder;
import org.vsekai.backpack.vision.tensor.Preprocessing;
import org.vsekai.backpack.vision.tensor.Resize;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * A model ready to serve: its one ONNX Runtime session, shared by every concurrent run (sessions are thread-safe),
 * what its file looks like, how its images are prepared and its outputs read. Closing waits for runs in progress,
 * so a session is never freed under a running inference.
 *
 * @param maxBatch most images one run takes (1 when the file fixes the batch dimension at 1)
 */
public record LoadedModel(String name, VisionConfig.Model config, String sha256, Signature signature,
                          Preprocessing preprocessing, Decoder decoder, Labels labels, int maxBatch,
                          OrtSession session, ReadWriteLock closing) implements AutoCloseable {

    LoadedModel(String name, VisionConfig.Model config, String sha256, Signature signature,
                Preprocessing preprocessing, Decoder decoder, Labels labels, int maxBatch, OrtSession session) {
        this(name, config, sha256, signature, preprocessing, decoder, labels, maxBatch, session,
                new ReentrantReadWriteLock());
    }

    /** What events call the model's version: the first 12 hex digits of the file's SHA-256. */
    public String version() {
        return sha256.substring(0, 12);
    }

    public Task task() {
        return config.task();
    }

    /** The name of the image input. */
    public String inputName() {
        return signature.inputs().get(0).name();
    }

    /** Runs the model on one input tensor; the caller closes the result. */
    public OrtSession.Result run(OnnxTensor input) throws OrtException {
        closing.readLock().lock();
        try {
            return session.run(Map.of(inputName(), input));
        } finally {
            closing.readLock().unlock();
        }
    }

    public ModelInfo info() {
        boolean follows = preprocessing.resize() == Resize.FIT;
        return new ModelInfo(name, version(), sha256, ConfigNames.of(config.task()), ConfigNames.of(config.decoder()),
                signature.inputs(), signature.outputs(), follows ? null : preprocessing.width(),
                follows ? null : preprocessing.height(), ConfigNames.of(preprocessing.resize()),
                ConfigNames.of(preprocessing.colourOrder()), ConfigNames.of(preprocessing.type()), labels.size(),
                config.scoreThreshold(), config.maxConcurrent(), maxBatch, config.stream());
    }

    /** Waits for runs in progress, then frees the session's native memory. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the session of model " + name + " failed", e);
        } finally {
            closing.writeLock().unlock();
        }
    }
}
