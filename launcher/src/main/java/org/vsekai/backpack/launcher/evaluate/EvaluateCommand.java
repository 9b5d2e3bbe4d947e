package org.vsekai.backpack.launcher.evaluate;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

import org.vsekai.backpack.launcher.BackpackCommand;
import org.vsekai.backpack.launcher.TrainingLogs;
import org.vsekai.backpack.launcher.UsageException;
import org.vsekai.backpack.recommender.model.evaluation.AlgorithmSpec;
import org.vsekai.backpack.recommender.model.evaluation.Algorithms;
import org.vsekai.backpack.recommender.model.evaluation.OfflineEvaluation;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ./backpack evaluate}: the offline evaluation of the recommender models on MovieLens 100K (or given train
 * and test files). The table and one JSON object per algorithm go to standard output; progress to standard error.
 */
// No path in the description: the help's line breaking would split it at a '.' or '/'.
@Command(name = "evaluate", description = "Evaluate the recommender models offline on MovieLens 100K (see --data) or"
        + " given train and test files: top-10 Precision, Recall, nDCG, MAP and coverage, as a table and one JSON line"
        + " per model.")
public final class EvaluateCommand implements Callable<Integer> {

    /** MovieLens 100K beside the repository; its licence forbids copying it in. */
    static final String DEFAULT_DATA = "../shared/data/ml-100k/u.data";

    private final PrintStream progress;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "PATH",
            description = "A ratings file (user, item, rating, time; tab-separated) to split per user, 75/25 with"
                    + " seed 42 (default: " + DEFAULT_DATA + ", relative to the repository).")
    Path data;

    @ArgGroup(exclusive = false)
    GivenSplit given;

    @Option(names = "--algorithms", paramLabel = "a,b", split = ",", hideParamSyntax = true,
            converter = AlgorithmName.class, completionCandidates = AlgorithmNames.class,
            description = "The algorithms to evaluate, comma-separated, from ${COMPLETION-CANDIDATES} (default:"
                    + " all).")
    List<AlgorithmSpec> algorithms;

    @Option(names = "--tune",
            description = "Pick hyper-parameters on a validation split carved from the training part first.")
    boolean tune;

    /** Train and test files already split: both or neither. */
    static final class GivenSplit {
        @Option(names = "--train", paramLabel = "PATH", required = true,
                description = "The training ratings, instead of --data; goes with --test.")
        Path train;

        @Option(names = "--test", paramLabel = "PATH", required = true,
                description = "The test ratings; goes with --train.")
        Path test;
    }

    public EvaluateCommand() {
        this(System.err);
    }

    EvaluateCommand(PrintStream progress) {
        this.progress = progress;
    }

    @Override
    public Integer call() throws Exception {
        OfflineEvaluation.Data source = data(BackpackCommand.repositoryRoot());
        for (Path file : files(source)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no ratings file at " + file + (file.endsWith("u.data")
                        ? " (MovieLens 100K is read from beside the repository, see ../shared/data/README.md;"
                                + " or pass --data PATH, or --train PATH --test PATH)"
                        : ""));
            }
        }
        TrainingLogs.configure();
        long started = System.nanoTime();
        List<OfflineEvaluation.Result> results = OfflineEvaluation.run(source, algorithms(), tune,
                progress::println);
        PrintWriter out = spec.commandLine().getOut();
        out.println();
        out.print(OfflineEvaluation.table(results));
        out.println();
        for (OfflineEvaluation.Result result : results) {
            out.println(OfflineEvaluation.jsonLine(result));
        }
        progress.printf("evaluated in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** What to evaluate on; relative paths are resolved against {@code root} (the repository, where ./backpack runs). */
    OfflineEvaluation.Data data(Path root) {
        if (given != null && data != null) {
            throw new UsageException(spec.commandLine(), "give either --data or --train and --test, not both");
        }
        if (given != null) {
            return new OfflineEvaluation.Data.Given(root.resolve(given.train).normalize(),
                    root.resolve(given.test).normalize());
        }
        return new OfflineEvaluation.Data.ToSplit(root.resolve(data != null ? data : Path.of(DEFAULT_DATA))
                .normalize());
    }

    List<AlgorithmSpec> algorithms() {
        return algorithms != null ? algorithms : Algorithms.all();
    }

    private static List<Path> files(OfflineEvaluation.Data data) {
        if (data instanceof OfflineEvaluation.Data.Given given) {
            return List.of(given.train(), given.test());
        }
        return List.of(((OfflineEvaluation.Data.ToSplit) data).ratings());
    }

    /** One name of {@link Algorithms#names()}: {@code --algorithms names an unknown algorithm 'svd'; known: ...}. */
    static final class AlgorithmName implements ITypeConverter<AlgorithmSpec> {
        @Override
        public AlgorithmSpec convert(String value) {
            String name = value.trim();
            if (name.isEmpty()) {
                throw new TypeConversionException("takes a comma-separated list of " + String.join(", ",
                        Algorithms.names()) + ", without empty names");
            }
            return Algorithms.named(name).orElseThrow(() -> new TypeConversionException(
                    "names an unknown algorithm '" + name + "'; known: " + String.join(", ", Algorithms.names())));
        }
    }

    /** For the help: the names {@code --algorithms} takes. */
    static final class AlgorithmNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Algorithms.names().iterator();
        }
    }
}
