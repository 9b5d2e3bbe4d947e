package org.vsekai.backpack.vision.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from a row of logits: greedy at temperature 0 (the highest logit, the lowest id on a tie);
 * otherwise the logits are divided by the temperature, cut to the {@code topK} highest (0: all), turned into
 * probabilities, cut to the fewest highest whose sum reaches {@code topP}, and one is drawn with a generator seeded
 * per generation, so the same seed gives the same tokens. Not thread-safe: one per generation.
 */
public final class Sampler {

    private final double temperature;
    private final int topK;
    private final double topP;
    private final SplittableRandom random;

    public Sampler(double temperature, int topK, double topP, long seed) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be 0 or more, not " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be 0 (all) or more, not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], not " + topP);
        }
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.random = new SplittableRandom(seed);
    }

    public boolean greedy() {
        return temperature == 0;
    }

    public int next(float[] logits) {
        if (greedy()) {
            return argmax(logits);
        }
        int[] order = topK == 0 && topP >= 1 ? null : order(logits);
        int kept = order == null ? logits.length : topK == 0 ? order.length : Math.min(topK, order.length);
        double max = order == null ? logits[argmax(logits)] : logits[order[0]];
        double[] weights = new double[kept];
        double sum = 0;
        for (int i = 0; i < kept; i++) {
            weights[i] = Math.exp((logits[order == null ? i : order[i]] - max) / temperature);
            sum += weights[i];
        }
        if (topP < 1) {
            // The fewest most likely tokens whose probabilities reach topP (at least one).
            double reach = topP * sum;
            double cumulative = 0;
            int nucleus = 0;
            while (nucleus < kept && cumulative < reach) {
                cumulative += weights[nucleus++];
            }
            kept = Math.max(1, nucleus);
            sum = cumulative;
        }
        double u = random.nextDouble() * sum;
        double cumulative = 0;
        for (int i = 0; i < kept; i++) {
            cumulative += weights[i];
            if (u < cumulative) {
                return order == null ? i : order[i];
            }
        }
        return order == null ? kept - 1 : order[kept - 1]; // rounding at the very end
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Ids by logit, highest first, ties by lower id: one primitive sort of (descending logit, id) keys. */
    static int[] order(float[] logits) {
        long[] keys = new long[logits.length];
        for (int i = 0; i < logits.length; i++) {
            int bits = Float.floatToIntBits(logits[i]);
            int ordered = bits ^ ((bits >> 31) & 0x7fffffff); // the float's order as a signed int
            keys[i] = ((long) ~ordered << 32) | i;              // ~ reverses it: ascending keys, descending logits
        }
        Arrays.sort(keys);
        int[] order = new int[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }
}
