package org.vsekai.backpack.recommender.model.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.vsekai.backpack.recommender.model.algorithm.Recommender;
import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * Picks hyper-parameters without looking at the test part: the training part is split again (same per-user
 * stratified method, its own seed), every grid point is fitted on the inner training part and scored by nDCG@k on
 * the validation part; the best wins (the earlier grid point on a tie).
 */
public final class GridSearch {

    /** One grid point and its validation nDCG. */
    public record Trial(Hyperparameters hyperparameters, double validationNdcg) {
    }

    /** The winner and every trial. */
    public record Choice(Hyperparameters chosen, double validationNdcg, List<Trial> trials) {
    }

    private GridSearch() {
    }

    public static Choice select(AlgorithmSpec spec, List<Interaction> train, double trainFraction, long seed, int k,
            Consumer<String> progress) {
        Split validation = Split.stratified(train, trainFraction, seed);
        InteractionMatrix inner = InteractionMatrix.of(validation.train());
        HeldOut heldOut = HeldOut.of(validation.test(), inner);
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        for (Hyperparameters candidate : spec.grid()) {
            Recommender model = spec.create(candidate);
            model.fit(inner);
            double ndcg = Evaluation.evaluate(model, inner, heldOut, k).ndcg();
            Trial trial = new Trial(candidate, ndcg);
            trials.add(trial);
            progress.accept(String.format("  tune %s [%s]: validation nDCG@%d %.4f", spec.name(), candidate, k, ndcg));
            if (best == null || ndcg > best.validationNdcg()) {
                best = trial;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(spec.name() + " has an empty grid");
        }
        return new Choice(best.hyperparameters(), best.validationNdcg(), List.copyOf(trials));
    }
}
