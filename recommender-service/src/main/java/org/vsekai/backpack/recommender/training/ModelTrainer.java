package org.vsekai.backpack.recommender.training;

import java.time.Instant;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.recommendation.TrainingEvaluation;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.model.algorithm.ImplicitAls;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

/** Trains a serving snapshot with the configured model settings (a bean, so a test can make it fail). */
@ApplicationScoped
public class ModelTrainer {

    private final SnapshotBuilder builder;
    private final HoldoutEvaluation evaluation;

    public ModelTrainer(RecommenderConfig config) {
        RecommenderConfig.Als als = config.training().als();
        RecommenderConfig.Rp3Beta rp3 = config.training().rp3beta();
        ImplicitAls.Settings settings = new ImplicitAls.Settings(als.factors(), als.regularization(),
                als.regularizationExponent(), als.alpha(), als.iterations(), als.cgSteps(), als.seed());
        builder = new SnapshotBuilder(settings, rp3.alpha(), rp3.beta(), rp3.neighbours());
        evaluation = new HoldoutEvaluation(settings);
    }

    public ServingSnapshot train(InteractionMatrix interactions, String version, Instant dataReadAt) {
        return builder.build(interactions, version, dataReadAt);
    }

    /** The offline figures of a model trained the same way on the same interactions ({@link HoldoutEvaluation}). */
    public TrainingEvaluation evaluate(InteractionMatrix interactions, Consumer<String> progress) {
        return evaluation.evaluate(interactions, progress);
    }
}
