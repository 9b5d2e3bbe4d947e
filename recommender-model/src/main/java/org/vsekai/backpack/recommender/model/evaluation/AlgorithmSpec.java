package org.vsekai.backpack.recommender.model.evaluation;

import java.util.List;
import java.util.function.Function;

import org.vsekai.backpack.recommender.model.algorithm.Recommender;

/**
 * An evaluable algorithm: its name on the command line, the hyper-parameters used without tuning, the grid tried
 * with tuning, and how to build a model from hyper-parameters.
 */
public record AlgorithmSpec(String name, Hyperparameters defaults, List<Hyperparameters> grid,
        Function<Hyperparameters, Recommender> factory) {

    public Recommender create(Hyperparameters hyperparameters) {
        return factory.apply(hyperparameters);
    }
}
