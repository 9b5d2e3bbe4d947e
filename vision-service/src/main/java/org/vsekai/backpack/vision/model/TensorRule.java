package org.vsekai.backpack.vision.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.vsekai.backpack.contracts.vision.TensorSpec;

/**
 * What a decoder needs of one input or output: its name (or none, when it is taken by position), its element types,
 * and its dimensions, each a fixed size or a symbol. A symbol stands for one size throughout the model ({@code R}
 * in {@code [B,3,R,R]} says square); a dynamic dimension in the file matches anything.
 */
public record TensorRule(String name, Set<String> types, List<Object> dims) {

    public static TensorRule named(String name, String type, Object... dims) {
        return new TensorRule(name, Set.of(type), List.of(dims));
    }

    public static TensorRule positional(Set<String> types, Object... dims) {
        return new TensorRule(null, types, List.of(dims));
    }

    /**
     * Whether the tensor fits, binding symbols to the sizes it has; the reason it does not otherwise. Symbols already
     * bound (by an earlier tensor) must agree.
     */
    public String mismatch(TensorSpec actual, Map<String, Long> bound) {
        if (name != null && !name.equals(actual.name())) {
            return "is named " + actual.name() + ", not " + name;
        }
        if (!types.contains(actual.type())) {
            return "has type " + actual.type() + ", not " + String.join(" or ", types);
        }
        if (actual.shape().size() != dims.size()) {
            return "has " + actual.shape().size() + " dimensions, not " + dims.size();
        }
        for (int i = 0; i < dims.size(); i++) {
            long size = actual.shape().get(i);
            Object wanted = dims.get(i);
            if (size < 0) {
                continue;
            }
            if (wanted instanceof Integer fixed && size != fixed) {
                return "has size " + size + " in dimension " + i + ", not " + fixed;
            }
            if (wanted instanceof String symbol) {
                Long earlier = bound.putIfAbsent(symbol, size);
                if (earlier != null && earlier != size) {
                    return "has size " + size + " in dimension " + i + " where " + symbol + " is " + earlier;
                }
            }
        }
        return null;
    }

    /** {@code input: float32 [B,3,R,R]}, or {@code #2: float32 [B,N]} for a positional one. */
    public String describe(int position) {
        return (name != null ? name : "#" + position) + ": " + String.join("|", types.stream().sorted().toList())
                + " [" + dims.stream().map(String::valueOf).collect(Collectors.joining(",")) + "]";
    }
}
