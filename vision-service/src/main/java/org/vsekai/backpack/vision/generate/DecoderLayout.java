package org.vsekai.backpack.vision.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vsekai.backpack.vision.model.ModelLoadException;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * The tensor names and cache shape of a decoder-only model in the common export layout (Hugging Face optimum's
 * {@code text-generation-with-past}): inputs {@code input_ids}, {@code attention_mask}, optionally
 * {@code position_ids}, and {@code past_key_values.{i}.key/value} float32 [batch, heads, past, head dim]; outputs
 * {@code logits} [batch, sequence, vocabulary] and {@code present.{i}.key/value}. Read from the session and checked:
 * a file of another layout fails the start with what it has.
 */
record DecoderLayout(int layers, long heads, long headDim, boolean positionIds, long vocabulary) {

    private static final Pattern PAST = Pattern.compile("past_key_values\\.(\\d+)\\.(key|value)");

    static String past(int layer, boolean key) {
        return "past_key_values." + layer + (key ? ".key" : ".value");
    }

    static String present(int layer, boolean key) {
        return "present." + layer + (key ? ".key" : ".value");
    }

    static DecoderLayout of(String name, OrtSession session) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        List<String> problems = new ArrayList<>();
        for (String required : List.of("input_ids", "attention_mask")) {
            if (!inputs.containsKey(required)) {
                problems.add("no input " + required);
            }
        }
        int layers = 0;
        long heads = -1;
        long headDim = -1;
        for (String input : inputs.keySet()) {
            Matcher past = PAST.matcher(input);
            if (past.matches()) {
                layers = Math.max(layers, Integer.parseInt(past.group(1)) + 1);
                TensorInfo info = (TensorInfo) inputs.get(input).getInfo();
                long[] shape = info.getShape();
                if (info.type != OnnxJavaType.FLOAT || shape.length != 4) {
                    problems.add(input + " is " + info.type + " " + Arrays.toString(shape)
                            + ", not float32 [batch, heads, past, head dim]");
                } else {
                    heads = shape[1];
                    headDim = shape[3];
                }
            }
        }
        if (layers == 0) {
            problems.add("no past_key_values.{i}.key/value inputs (a model exported without its cache)");
        }
        for (int i = 0; i < layers; i++) {
            for (boolean key : new boolean[] {true, false}) {
                if (!inputs.containsKey(past(i, key))) {
                    problems.add("no input " + past(i, key));
                }
                if (!outputs.containsKey(present(i, key))) {
                    problems.add("no output " + present(i, key));
                }
            }
        }
        long vocabulary = -1;
        if (!outputs.containsKey("logits")) {
            problems.add("no output logits");
        } else {
            long[] shape = ((TensorInfo) outputs.get("logits").getInfo()).getShape();
            vocabulary = shape.length == 3 ? shape[2] : -1;
            if (shape.length != 3) {
                problems.add("logits are " + Arrays.toString(shape) + ", not [batch, sequence, vocabulary]");
            }
        }
        if (layers > 0 && (heads <= 0 || headDim <= 0)) {
            problems.add("the cache's heads and head dimension are not fixed in the file");
        }
        if (!problems.isEmpty()) {
            throw new ModelLoadException("generation model " + name + " does not have the decoder layout "
                    + "(input_ids, attention_mask, position_ids, past_key_values.{i}.key/value -> logits, "
                    + "present.{i}.key/value): " + String.join("; ", problems));
        }
        return new DecoderLayout(layers, heads, headDim, inputs.containsKey("position_ids"), vocabulary);
    }
}
