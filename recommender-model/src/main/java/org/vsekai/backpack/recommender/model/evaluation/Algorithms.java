package org.vsekai.backpack.recommender.model.evaluation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vsekai.backpack.recommender.model.algorithm.Bpr;
import org.vsekai.backpack.recommender.model.algorithm.Ease;
import org.vsekai.backpack.recommender.model.algorithm.ImplicitAls;
import org.vsekai.backpack.recommender.model.algorithm.ItemKnn;
import org.vsekai.backpack.recommender.model.algorithm.ItemSimilarityMeasure;
import org.vsekai.backpack.recommender.model.algorithm.Rp3Beta;
import org.vsekai.backpack.recommender.model.algorithm.TimeDecayedPopularity;

/**
 * The algorithms {@code ./backpack evaluate} knows. The defaults are the values {@code ./backpack evaluate --tune}
 * chose on MovieLens 100K (each grid scored by nDCG@10 on a 75/25 validation split, seed 43, of the seed-42
 * training part; the test part never seen), so a run without --tune reproduces the tuned table without the search.
 */
public final class Algorithms {

    /** Fixed so ALS results repeat. */
    public static final long ALS_SEED = 42;
    public static final int ALS_ITERATIONS = 15;
    public static final int ALS_CG_STEPS = 3;
    public static final double ALS_REGULARIZATION_EXPONENT = 0.5;
    /** Fixed so BPR's sampling and initialisation repeat. */
    public static final long BPR_SEED = 42;
    public static final int BPR_BATCH_SIZE = 1024;
    public static final int BPR_NEGATIVES = 1;

    private Algorithms() {
    }

    public static List<AlgorithmSpec> all() {
        return List.of(
                new AlgorithmSpec("popularity", parameters("half_life_days", 0.0),
                        Hyperparameters.grid(axes("half_life_days", List.of(0.0, 7.0, 30.0, 90.0))),
                        p -> new TimeDecayedPopularity(p.get("half_life_days") == 0 ? null
                                : Duration.ofSeconds(Math.round(p.get("half_life_days") * 86_400)))),
                new AlgorithmSpec("itemcf-cosine", parameters("neighbours", 1000.0, "shrink", 100.0),
                        Hyperparameters.grid(axes("neighbours", List.of(10.0, 50.0, 200.0, 1000.0),
                                "shrink", List.of(0.0, 20.0, 100.0))),
                        p -> new ItemKnn(ItemSimilarityMeasure.COSINE, p.getInt("neighbours"),
                                (float) p.get("shrink"))),
                new AlgorithmSpec("itemcf-tanimoto", parameters("neighbours", 10.0, "shrink", 100.0),
                        Hyperparameters.grid(axes("neighbours", List.of(10.0, 50.0, 200.0, 1000.0),
                                "shrink", List.of(0.0, 20.0, 100.0))),
                        p -> new ItemKnn(ItemSimilarityMeasure.TANIMOTO, p.getInt("neighbours"),
                                (float) p.get("shrink"))),
                new AlgorithmSpec("rp3beta", parameters("neighbours", 200.0, "alpha", 0.7, "beta", 0.5),
                        Hyperparameters.grid(axes("neighbours", List.of(50.0, 100.0, 200.0),
                                "alpha", List.of(0.7, 1.0), "beta", List.of(0.3, 0.5, 0.6))),
                        p -> new Rp3Beta(p.get("alpha"), p.get("beta"), p.getInt("neighbours"), true)),
                new AlgorithmSpec("ease", parameters("lambda", 800.0),
                        Hyperparameters.grid(axes("lambda", List.of(100.0, 200.0, 300.0, 500.0, 800.0, 1500.0))),
                        p -> new Ease(p.get("lambda"))),
                // Regularisation λ·n^0.5 per row: on the validation split it beat both the plain (ν = 0) and the
                // ALS-WR (ν = 1) penalty.
                new AlgorithmSpec("ials", parameters("factors", 64.0, "regularization", 7.0, "alpha", 7.0),
                        Hyperparameters.grid(axes("factors", List.of(64.0, 128.0),
                                "regularization", List.of(3.0, 5.0, 7.0), "alpha", List.of(3.0, 5.0, 7.0, 10.0))),
                        p -> new ImplicitAls(new ImplicitAls.Settings(p.getInt("factors"), p.get("regularization"),
                                ALS_REGULARIZATION_EXPONENT, p.get("alpha"), ALS_ITERATIONS, ALS_CG_STEPS,
                                ALS_SEED))),
                // Adam on batches of 1,024 (user, seen, unseen) triples, one uniformly drawn unseen item per seen
                // pair and epoch. Exploring first on the validation split: 128 factors, λ 0.005 and learning rates
                // 0.005–0.01 all did worse; a small rate trained long won.
                new AlgorithmSpec("bpr", parameters("factors", 64.0, "learning_rate", 0.001,
                        "regularization", 0.015, "epochs", 200.0),
                        Hyperparameters.grid(axes("factors", List.of(64.0),
                                "learning_rate", List.of(0.001, 0.002), "regularization", List.of(0.01, 0.015),
                                "epochs", List.of(100.0, 200.0))),
                        p -> new Bpr(new Bpr.Settings(p.getInt("factors"), p.get("learning_rate"),
                                p.get("regularization"), p.getInt("epochs"), BPR_BATCH_SIZE, BPR_NEGATIVES,
                                BPR_SEED))));
    }

    public static Optional<AlgorithmSpec> named(String name) {
        return all().stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(AlgorithmSpec::name).toList();
    }

    private static Hyperparameters parameters(Object... nameValuePairs) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put((String) nameValuePairs[i], (Double) nameValuePairs[i + 1]);
        }
        return new Hyperparameters(values);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Double>> axes(Object... nameValuesPairs) {
        Map<String, List<Double>> axes = new LinkedHashMap<>();
        for (int i = 0; i < nameValuesPairs.length; i += 2) {
            axes.put((String) nameValuesPairs[i], (List<Double>) nameValuesPairs[i + 1]);
        }
        return axes;
    }
}
