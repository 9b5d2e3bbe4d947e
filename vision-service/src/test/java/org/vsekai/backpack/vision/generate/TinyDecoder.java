package org.vsekai.backpack.vision.generate;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.vision.TestConfigs;

/**
 * The function the tiny decoder computes (make_tiny_decoder.py), written again here so the tests assert the engine's
 * tokens against it: the next token of a context is (the sum of its ids + its length) mod 37. Its tokenizer's ids:
 * 0 {@code <|eos|>}, 1 {@code <think>}, 2 {@code </think>}, 3-28 a-z, 29 the space, 30 {@code .}, 31 {@code th},
 * 32 {@code the}, 33 {@code in}, 34 {@code er}, 35 space-t, 36 {@code ,}.
 */
final class TinyDecoder {

    static final int VOCABULARY = 37;
    static final long EOS = 0;
    static final long THINK = 1;
    static final long END_THINK = 2;
    static final long COMMA = 36;

    private TinyDecoder() {
    }

    static DecoderModel load(String name) {
        return DecoderModel.load(name, TestConfigs.vision().generation().models().get(name));
    }

    static long next(List<Long> context) {
        long sum = 0;
        for (long id : context) {
            sum += id;
        }
        return (sum + context.size()) % VOCABULARY;
    }

    /** Greedy decoding by the function: the ids after the prompt, up to (not with) the end id or {@code max}. */
    static List<Long> greedy(long[] prompt, long end, int max) {
        List<Long> context = new ArrayList<>();
        for (long id : prompt) {
            context.add(id);
        }
        List<Long> out = new ArrayList<>();
        while (out.size() < max) {
            long id = next(context);
            if (id == end) {
                break;
            }
            context.add(id);
            out.add(id);
        }
        return out;
    }

    static long[] array(List<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    static List<Long> concat(long[] a, List<Long> b) {
        List<Long> all = new ArrayList<>();
        for (long id : a) {
            all.add(id);
        }
        all.addAll(b);
        return all;
    }
}
