package org.vsekai.backpack.vision.decode;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * One output tensor, flat, with its shape: the float copy ONNX Runtime hands out is read in place (no second copy),
 * integer outputs (counts) are widened to floats.
 */
record Outputs(FloatBuffer values, long[] shape) {

    static Outputs of(OrtSession.Result result, String name) throws OrtException {
        OnnxValue value = result.get(name).orElseThrow(() -> new OrtException("the model gave no output " + name));
        OnnxTensor tensor = (OnnxTensor) value;
        TensorInfo info = tensor.getInfo();
        if (info.type == OnnxJavaType.FLOAT) {
            return new Outputs(tensor.getFloatBuffer(), info.getShape());
        }
        float[] values = new float[(int) info.getNumElements()];
        if (info.type == OnnxJavaType.INT64) {
            LongBuffer buffer = tensor.getLongBuffer();
            for (int i = 0; i < values.length; i++) {
                values[i] = buffer.get(i);
            }
        } else if (info.type == OnnxJavaType.INT32) {
            IntBuffer buffer = tensor.getIntBuffer();
            for (int i = 0; i < values.length; i++) {
                values[i] = buffer.get(i);
            }
        } else {
            throw new OrtException("output " + name + " has type " + info.type + "; float32, int64 or int32 expected");
        }
        return new Outputs(FloatBuffer.wrap(values), info.getShape());
    }

    int dim(int index) {
        return (int) shape[index];
    }

    float at(int index) {
        return values.get(index);
    }

    /** The values as an array (a copy), for decoders that walk them as one. */
    float[] array() {
        float[] copy = new float[values.limit()];
        values.get(0, copy);
        return copy;
    }
}
