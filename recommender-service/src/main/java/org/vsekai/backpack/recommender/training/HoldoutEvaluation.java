package org.vsekai.backpack.recommender.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.vsekai.backpack.contracts.recommendation.TrainingEvaluation;
import org.vsekai.backpack.recommender.model.algorithm.ImplicitAls;
import org.vsekai.backpack.recommender.model.evaluation.Evaluation;
import org.vsekai.backpack.recommender.model.evaluation.HeldOut;
import org.vsekai.backpack.recommender.model.evaluation.Metrics;
import org.vsekai.backpack.recommender.model.evaluation.OfflineEvaluation;
import org.vsekai.backpack.recommender.model.evaluation.Split;
import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * The figures a training run is versioned with: recommender-model's offline protocol ({@link OfflineEvaluation}'s
 * per-user 75/25 split, seed 42, top 10, training items removed) on the run's own interactions, with the iALS
 * settings the run trained with, since iALS answers for every known user. It fits iALS once more on three quarters
 * of the data, so it costs about one more iALS fit. Plain Java.
 */
public final class HoldoutEvaluation {

    public static final String ALGORITHM = "ials";
    /** Fewer evaluated users than this give figures too noisy to compare runs by: the run records why instead. */
    public static final int MIN_EVALUATED_USERS = 5;

    private final ImplicitAls.Settings als;

    public HoldoutEvaluation(ImplicitAls.Settings als) {
        this.als = als;
    }

    public TrainingEvaluation evaluate(InteractionMatrix pairs, Consumer<String> progress) {
        Split split = Split.stratified(interactions(pairs), OfflineEvaluation.TRAIN_FRACTION,
                OfflineEvaluation.SPLIT_SEED);
        InteractionMatrix train = InteractionMatrix.of(split.train());
        HeldOut heldOut = HeldOut.of(split.test(), train);
        if (heldOut.users().size() < MIN_EVALUATED_USERS) {
            String why = String.format(Locale.ROOT, "too little data for a holdout: %d users with held-out items "
                    + "(a user needs at least 2 interactions), at least %d needed", heldOut.users().size(),
                    MIN_EVALUATED_USERS);
            progress.accept("evaluation skipped: " + why);
            return TrainingEvaluation.skipped(ALGORITHM, why);
        }
        progress.accept(String.format(Locale.ROOT, "evaluating %s on a %.0f/%.0f per-user split (seed %d): "
                + "%d training pairs, %d held out, %d users evaluated", ALGORITHM,
                OfflineEvaluation.TRAIN_FRACTION * 100, (1 - OfflineEvaluation.TRAIN_FRACTION) * 100,
                OfflineEvaluation.SPLIT_SEED, train.nonZeroCount(), split.test().size(), heldOut.users().size()));
        ImplicitAls model = new ImplicitAls(als);
        model.fit(train);
        Metrics metrics = Evaluation.evaluate(model, train, heldOut, OfflineEvaluation.K);
        progress.accept(String.format(Locale.ROOT, "evaluation: nDCG@10 %.4f, precision@10 %.4f, recall@10 %.4f "
                + "over %d users", metrics.ndcg(), metrics.precision(), metrics.recall(), metrics.users()));
        return new TrainingEvaluation(ALGORITHM, metrics.ndcg(), metrics.precision(), metrics.recall(),
                metrics.users(), null);
    }

    /** The matrix's pairs as interactions, users in matrix order (what the split's seed is applied to). */
    static List<Interaction> interactions(InteractionMatrix pairs) {
        List<Interaction> all = new ArrayList<>(pairs.nonZeroCount());
        for (int u = 0; u < pairs.userCount(); u++) {
            String user = pairs.users().idOf(u);
            for (int p = pairs.rowStart(u); p < pairs.rowEnd(u); p++) {
                all.add(new Interaction(user, pairs.items().idOf(pairs.itemAt(p)), pairs.rowWeightAt(p),
                        pairs.rowTimeAt(p)));
            }
        }
        return all;
    }
}
