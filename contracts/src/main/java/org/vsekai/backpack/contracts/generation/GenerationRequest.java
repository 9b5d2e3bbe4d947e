package org.vsekai.backpack.contracts.generation;

import java.util.List;

/**
 * The body of {@code POST /generate}: a prompt for a text-generation model and how to sample its continuation. Every
 * field but {@code prompt} may be left out (null): the model's and the service's defaults apply.
 *
 * @param model           the generation model's name ({@code GET /generate/models}); the only one when left out
 * @param prompt          the text the model continues, as it is (no chat template is applied)
 * @param maxTokens       most tokens of the answer
 * @param temperature     0 (or absent): greedy; above 0: logits divided by it before sampling
 * @param topK            sample among the k most likely tokens only (0 or absent: all)
 * @param topP            sample among the fewest most likely tokens whose probabilities reach p (absent: 1)
 * @param seed            the sampler's seed: the same request with the same seed gives the same text
 * @param stop            the answer ends before the first of these strings (which is not sent)
 * @param reasoning       chain of thought: the model's reasoning is kept apart from its answer (by its delimiters);
 *                        on by default for a model that has delimiters configured
 * @param reasoningTokens most tokens of the reasoning; past it the end delimiter is put in and the answer follows
 * @param deadlineMs      the generation ends (finish {@code deadline}) this many milliseconds after it is accepted,
 *                        at most the service's own deadline
 */
public record GenerationRequest(String model, String prompt, Integer maxTokens, Double temperature, Integer topK,
                                Double topP, Long seed, List<String> stop, Boolean reasoning, Integer reasoningTokens,
                                Long deadlineMs) {

    public static GenerationRequest of(String prompt) {
        return new GenerationRequest(null, prompt, null, null, null, null, null, null, null, null, null);
    }
}
