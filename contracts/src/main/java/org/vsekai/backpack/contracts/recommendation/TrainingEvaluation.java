package org.vsekai.backpack.contracts.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The offline figures of one training run: the run's algorithm fitted again on a per-user holdout split of the run's
 * interactions and scored on the held-out part (top 10, training items removed).
 *
 * @param algorithm      the evaluated model ({@code ials}: the one that answers for a known user)
 * @param ndcgAt10       nDCG@10 averaged over the evaluated users; null when skipped
 * @param precisionAt10  precision@10, likewise
 * @param recallAt10     recall@10, likewise
 * @param evaluatedUsers users with held-out items known to the training part; null when skipped
 * @param skipped        why there are no figures (too little data, or the evaluation failed); null when there are
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingEvaluation(String algorithm, Double ndcgAt10, Double precisionAt10, Double recallAt10,
                                 Integer evaluatedUsers, String skipped) {

    public static TrainingEvaluation skipped(String algorithm, String why) {
        return new TrainingEvaluation(algorithm, null, null, null, null, why);
    }
}
