package org.vsekai.backpack.vision.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.vsekai.backpack.contracts.vision.TensorSpec;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/** A model's inputs and outputs in their order, as ONNX Runtime reads them from the file. */
public record Signature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public static Signature of(OrtSession session) throws OrtException {
        return new Signature(specs(session.getInputInfo()), specs(session.getOutputInfo()));
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof TensorInfo tensor) {
                List<Long> shape = Arrays.stream(tensor.getShape()).boxed().toList();
                List<String> names = Arrays.stream(tensor.getDimensionNames()).map(n -> n == null ? "" : n).toList();
                specs.add(new TensorSpec(node.getName(), typeName(tensor.type), shape, names));
            } else {
                specs.add(new TensorSpec(node.getName(), node.getInfo().toString(), List.of(), List.of()));
            }
        }
        return List.copyOf(specs);
    }

    /** ONNX's element type names ({@code float32}, not Java's {@code FLOAT}). */
    private static String typeName(ai.onnxruntime.OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case FLOAT16 -> "float16";
            case BFLOAT16 -> "bfloat16";
            case INT8 -> "int8";
            case UINT8 -> "uint8";
            case INT16 -> "int16";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOL -> "bool";
            case STRING -> "string";
            case UNKNOWN -> "unknown";
        };
    }

    /** {@code inputs x: float32 [?,3,?,?]; outputs y: float32 [?,1,?,?]}. */
    public String describe() {
        return "inputs " + describe(inputs) + "; outputs " + describe(outputs);
    }

    private static String describe(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::describe).collect(Collectors.joining(", "));
    }
}
