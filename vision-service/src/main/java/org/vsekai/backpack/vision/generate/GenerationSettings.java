package org.vsekai.backpack.vision.generate;

import java.util.List;

/**
 * One generation's settings, checked against the service's limits.
 *
 * @param reasoning       keep the reasoning apart by the model's delimiters
 * @param reasoningTokens the reasoning's budget; past it the end delimiter is put in
 * @param deadline        when it ends, on the generation's clock (nanoseconds)
 */
public record GenerationSettings(int maxTokens, boolean reasoning, int reasoningTokens, List<String> stops,
                                 double temperature, int topK, double topP, long seed, long deadline) {

    public GenerationSettings {
        stops = List.copyOf(stops);
    }
}
