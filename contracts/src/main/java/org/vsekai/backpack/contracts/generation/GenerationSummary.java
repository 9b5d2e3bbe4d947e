package org.vsekai.backpack.contracts.generation;

/**
 * The last server-sent event of a generation stream ({@code done}): why it ended, the whole texts and the counts.
 *
 * @param finish          {@code eos} (the model's end token), {@code stop} (a stop string), {@code length} (the
 *                        answer's token budget), {@code context} (the model's context is full) or {@code deadline}
 * @param reasoning       the reasoning, without its delimiters (empty without chain of thought)
 * @param answer          the answer, cut before a stop string
 * @param reasoningCut    the reasoning reached its budget and the end delimiter was put in by the service
 * @param seed            the sampler's seed (the request's, or the one chosen), to repeat a sampled generation
 * @param timeToFirstTokenMs from acceptance to the first token sampled
 */
public record GenerationSummary(String model, String version, String finish, String reasoning, String answer,
                                int promptTokens, int reasoningTokens, int answerTokens, boolean reasoningCut,
                                long seed, double timeToFirstTokenMs) {
}
