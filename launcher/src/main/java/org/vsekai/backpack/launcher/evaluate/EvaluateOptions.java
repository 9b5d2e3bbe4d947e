package org.vsekai.backpack.launcher.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.launcher.UsageException;
import org.vsekai.backpack.recommender.model.evaluation.AlgorithmSpec;
import org.vsekai.backpack.recommender.model.evaluation.Algorithms;
import org.vsekai.backpack.recommender.model.evaluation.OfflineEvaluation;

/** The arguments of {@code ./backpack evaluate}. */
record EvaluateOptions(OfflineEvaluation.Data data, List<AlgorithmSpec> algorithms, boolean tune) {

    static final String ARGUMENTS = "[--data PATH] [--train PATH --test PATH] [--algorithms a,b] [--tune]";

    /** MovieLens 100K beside the repository; its licence forbids copying it in. */
    static final String DEFAULT_DATA = "../shared/data/ml-100k/u.data";

    /** Relative paths are resolved against {@code root} (the repository root, where ./backpack runs). */
    static EvaluateOptions parse(List<String> args, Path root) throws UsageException {
        Path data = null;
        Path train = null;
        Path test = null;
        List<AlgorithmSpec> algorithms = Algorithms.all();
        boolean tune = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--data" -> data = root.resolve(inline != null ? inline : next(args, ++i, name));
                case "--train" -> train = root.resolve(inline != null ? inline : next(args, ++i, name));
                case "--test" -> test = root.resolve(inline != null ? inline : next(args, ++i, name));
                case "--algorithms" -> algorithms = algorithms(inline != null ? inline : next(args, ++i, name));
                case "--tune" -> tune = true;
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        if ((train == null) != (test == null)) {
            throw new UsageException("--train and --test go together");
        }
        if (train != null && data != null) {
            throw new UsageException("give either --data or --train and --test, not both");
        }
        OfflineEvaluation.Data source = train != null ? new OfflineEvaluation.Data.Given(train.normalize(),
                test.normalize())
                : new OfflineEvaluation.Data.ToSplit((data != null ? data : root.resolve(DEFAULT_DATA)).normalize());
        return new EvaluateOptions(source, algorithms, tune);
    }

    private static List<AlgorithmSpec> algorithms(String names) throws UsageException {
        List<AlgorithmSpec> chosen = new ArrayList<>();
        for (String name : names.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            chosen.add(Algorithms.named(trimmed).orElseThrow(() -> new UsageException("unknown algorithm '"
                    + trimmed + "'; known: " + String.join(", ", Algorithms.names()))));
        }
        if (chosen.isEmpty()) {
            throw new UsageException("--algorithms needs at least one of " + String.join(", ", Algorithms.names()));
        }
        return chosen;
    }

    private static String next(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }
}
