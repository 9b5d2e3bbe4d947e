package org.vsekai.backpack.contracts.vision;

import java.util.List;

/**
 * One input or output of a model, as ONNX Runtime reports it.
 *
 * @param type           element type ({@code float32}, {@code uint8}, {@code int64}, ...)
 * @param shape          dimensions; -1 for a dynamic one
 * @param dimensionNames the symbolic name of each dimension ({@code batch}), empty where it has none
 */
public record TensorSpec(String name, String type, List<Long> shape, List<String> dimensionNames) {

    /** {@code input: float32 [B,3,64,64]}: dynamic dimensions by their name, or {@code ?}. */
    public String describe() {
        StringBuilder text = new StringBuilder(name).append(": ").append(type).append(" [");
        for (int i = 0; i < shape.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            String symbol = i < dimensionNames.size() ? dimensionNames.get(i) : "";
            text.append(shape.get(i) >= 0 ? String.valueOf(shape.get(i)) : symbol.isEmpty() ? "?" : symbol);
        }
        return text.append(']').toString();
    }
}
