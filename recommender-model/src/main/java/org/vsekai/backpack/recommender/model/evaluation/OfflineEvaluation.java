package org.vsekai.backpack.recommender.model.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.vsekai.backpack.recommender.model.algorithm.Recommender;
import org.vsekai.backpack.recommender.model.matrix.Interaction;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;

/**
 * The offline evaluation protocol: a per-user stratified 75/25 split with seed 42 (or given train and test files),
 * every rating an implicit interaction, top-10 with training items removed, hyper-parameters either the defaults
 * or chosen by {@link GridSearch} on a validation split of the training part.
 */
public final class OfflineEvaluation {

    public static final int K = 10;
    public static final double TRAIN_FRACTION = 0.75;
    public static final long SPLIT_SEED = 42;
    public static final long VALIDATION_SEED = 43;

    /** Where the data comes from: one ratings file to split, or a train file and a test file. */
    public sealed interface Data {

        record ToSplit(Path ratings) implements Data {
        }

        record Given(Path train, Path test) implements Data {
        }
    }

    /** One evaluated algorithm. */
    public record Result(String algorithm, Metrics metrics, double trainSeconds, Hyperparameters hyperparameters,
            String chosenBy) {
    }

    private OfflineEvaluation() {
    }

    public static List<Result> run(Data data, List<AlgorithmSpec> algorithms, boolean tune,
            Consumer<String> progress) {
        Split split;
        if (data instanceof Data.ToSplit toSplit) {
            List<Interaction> ratings = RatingsFile.read(toSplit.ratings());
            progress.accept(String.format(Locale.ROOT, "read %d ratings from %s; per-user stratified split %.0f/%.0f,"
                    + " seed %d", ratings.size(), toSplit.ratings(), TRAIN_FRACTION * 100, (1 - TRAIN_FRACTION) * 100,
                    SPLIT_SEED));
            split = Split.stratified(ratings, TRAIN_FRACTION, SPLIT_SEED);
        } else {
            Data.Given given = (Data.Given) data;
            split = new Split(RatingsFile.read(given.train()), RatingsFile.read(given.test()));
            progress.accept("read " + split.train().size() + " training ratings from " + given.train() + " and "
                    + split.test().size() + " test ratings from " + given.test());
        }
        InteractionMatrix train = InteractionMatrix.of(split.train());
        HeldOut heldOut = HeldOut.of(split.test(), train);
        progress.accept(String.format("train: %d users × %d items, %d interactions; test: %d interactions, %d users"
                + " evaluated (%d test users unknown to training skipped)", train.userCount(), train.itemCount(),
                train.nonZeroCount(), split.test().size(), heldOut.users().size(), heldOut.unknownUsers()));
        List<Result> results = new ArrayList<>();
        for (AlgorithmSpec spec : algorithms) {
            Hyperparameters chosen = spec.defaults();
            String chosenBy = "defaults (chosen earlier by --tune on MovieLens 100K)";
            if (tune) {
                GridSearch.Choice choice = GridSearch.select(spec, split.train(), TRAIN_FRACTION, VALIDATION_SEED, K,
                        progress);
                chosen = choice.chosen();
                chosenBy = String.format(Locale.ROOT,
                        "grid of %d on a %.0f/%.0f validation split of the training part (seed %d): "
                                + "validation nDCG@%d %.4f", choice.trials().size(), TRAIN_FRACTION * 100,
                        (1 - TRAIN_FRACTION) * 100, VALIDATION_SEED, K, choice.validationNdcg());
            }
            progress.accept("fitting " + spec.name() + " [" + chosen + "]");
            Recommender model = spec.create(chosen);
            long started = System.nanoTime();
            model.fit(train);
            double seconds = (System.nanoTime() - started) / 1e9;
            Metrics metrics = Evaluation.evaluate(model, train, heldOut, K);
            Result result = new Result(spec.name(), metrics, seconds, chosen, chosenBy);
            progress.accept(String.format(Locale.ROOT, "%s: nDCG@%d %.4f, fitted in %.2f s", spec.name(), K,
                    metrics.ndcg(), seconds));
            results.add(result);
        }
        return results;
    }

    /** A fixed-width table, one row per algorithm, then the hyper-parameters and how they were chosen. */
    public static String table(List<Result> results) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s %8s %8s %8s %9s %9s%n",
                "algorithm", "P@10", "R@10", "nDCG@10", "MAP@10", "coverage", "train s"));
        for (Result r : results) {
            Metrics m = r.metrics();
            text.append(String.format(Locale.ROOT, "%-16s %8.4f %8.4f %8.4f %8.4f %9.4f %9.2f%n", r.algorithm(),
                    m.precision(), m.recall(), m.ndcg(), m.map(), m.coverage(), r.trainSeconds()));
        }
        text.append("\nhyper-parameters:\n");
        for (Result r : results) {
            text.append(String.format("  %-16s %s — %s%n", r.algorithm(), r.hyperparameters(), r.chosenBy()));
        }
        return text.toString();
    }

    /** One JSON object on one line, with the keys the issue fixes. */
    public static String jsonLine(Result r) {
        Metrics m = r.metrics();
        return String.format(Locale.ROOT, "{\"algorithm\":\"%s\",\"precision_at_10\":%.6f,\"recall_at_10\":%.6f,"
                + "\"ndcg_at_10\":%.6f,\"map_at_10\":%.6f,\"coverage\":%.6f,\"train_seconds\":%.3f}",
                r.algorithm().replace("\\", "\\\\").replace("\"", "\\\""), m.precision(), m.recall(), m.ndcg(),
                m.map(), m.coverage(), r.trainSeconds());
    }
}
