package org.vsekai.backpack.vision.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.vsekai.backpack.contracts.vision.TensorSpec;

/**
 * The inputs and outputs a decoder reads. Inputs are matched in order (a wrong name is then reported as such);
 * outputs by name where the rule names one, else by position (YOLO-NAS-Pose's four outputs). A model may have
 * further outputs; it may not lack one.
 */
public record ExpectedSignature(List<TensorRule> inputs, List<TensorRule> outputs) {

    /** The sizes the model's symbols have (R, C, ...) when it fits; a {@link ModelLoadException} naming both sides. */
    public Map<String, Long> check(String model, String decoder, Signature actual) {
        Map<String, Long> bound = new HashMap<>();
        String problem = actual.inputs().size() != inputs.size()
                ? "it has " + actual.inputs().size() + " inputs, not " + inputs.size()
                : firstMismatch("input", inputs, actual.inputs(), bound, true);
        if (problem == null) {
            problem = firstMismatch("output", outputs, actual.outputs(), bound, false);
        }
        if (problem != null) {
            throw new ModelLoadException("model " + model + " does not have the signature decoder " + decoder
                    + " needs: expected " + describe() + "; actual " + actual.describe() + " (" + problem + ")");
        }
        return bound;
    }

    private static String firstMismatch(String what, List<TensorRule> rules, List<TensorSpec> specs,
                                        Map<String, Long> bound, boolean positional) {
        for (int i = 0; i < rules.size(); i++) {
            TensorRule rule = rules.get(i);
            TensorSpec spec = positional || rule.name() == null
                    ? (i < specs.size() ? specs.get(i) : null)
                    : specs.stream().filter(s -> s.name().equals(rule.name())).findFirst().orElse(null);
            if (spec == null) {
                return "no " + what + " " + (rule.name() == null ? "#" + i : rule.name());
            }
            String mismatch = rule.mismatch(spec, bound);
            if (mismatch != null) {
                return what + " " + spec.name() + " " + mismatch;
            }
        }
        return null;
    }

    public String describe() {
        return "inputs " + describe(inputs) + "; outputs " + describe(outputs);
    }

    private static String describe(List<TensorRule> rules) {
        return IntStream.range(0, rules.size()).mapToObj(i -> rules.get(i).describe(i))
                .collect(Collectors.joining(", "));
    }
}
