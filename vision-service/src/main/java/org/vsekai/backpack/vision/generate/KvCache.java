package org.vsekai.backpack.vision.generate;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * One generation's key/value cache: the {@code present.*} tensors of its last model run, handed to the next run as
 * its {@code past_key_values.*} as they are (native memory, never copied to the heap), or empty tensors before the
 * first run. It holds the run's result open until the next run has read it; closing it frees the native memory.
 */
public final class KvCache implements AutoCloseable {

    private final List<OnnxTensor> tensors;
    private final OrtSession.Result result;
    private final int length;

    private KvCache(List<OnnxTensor> tensors, OrtSession.Result result, int length) {
        this.tensors = tensors;
        this.result = result;
        this.length = length;
    }

    /** A past of no positions: tensors of shape [1, heads, 0, head dim], key then value per layer. */
    static KvCache empty(OrtEnvironment env, int layers, long heads, long headDim) throws OrtException {
        List<OnnxTensor> tensors = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * layers; i++) {
                tensors.add(OnnxTensor.createTensor(env, FloatBuffer.allocate(0), new long[] {1, heads, 0, headDim}));
            }
        } catch (OrtException e) {
            tensors.forEach(OnnxTensor::close);
            throw e;
        }
        return new KvCache(List.copyOf(tensors), null, 0);
    }

    /** The presents of a run, key then value per layer, holding the run's result open. */
    static KvCache of(List<OnnxTensor> presents, OrtSession.Result result, int length) {
        return new KvCache(List.copyOf(presents), result, length);
    }

    /** Positions held: the context the next run continues. */
    public int length() {
        return length;
    }

    OnnxTensor key(int layer) {
        return tensors.get(2 * layer);
    }

    OnnxTensor value(int layer) {
        return tensors.get(2 * layer + 1);
    }

    @Override
    public void close() {
        if (result != null) {
            result.close();
        } else {
            tensors.forEach(OnnxTensor::close);
        }
    }
}
