package org.vsekai.backpack.launcher.evaluate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.vsekai.backpack.launcher.Subcommand;
import org.vsekai.backpack.recommender.model.evaluation.OfflineEvaluation;

/**
 * {@code ./backpack evaluate}: the offline evaluation of the recommender models on MovieLens 100K (or given train
 * and test files). The table and one JSON object per algorithm go to standard output; progress to standard error.
 */
public final class EvaluateCommand implements Subcommand {

    /** slf4j-simple's level for DJL's GPU probe (read when that logger is first made, so set before BPR runs). */
    static final String CUDA_PROBE_LOG_LEVEL = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

    private final PrintStream progress;

    public EvaluateCommand() {
        this(System.err);
    }

    EvaluateCommand(PrintStream progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String arguments() {
        return EvaluateOptions.ARGUMENTS;
    }

    @Override
    public String summary() {
        return "evaluate the recommender models offline (default: MovieLens 100K at " + EvaluateOptions.DEFAULT_DATA
                + ", 75/25 per-user split, seed 42; --tune picks hyper-parameters on a validation split)";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        Path root = Path.of(System.getProperty("backpack.root", ".")).toAbsolutePath();
        EvaluateOptions options = EvaluateOptions.parse(args, root);
        for (Path file : files(options.data())) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no ratings file at " + file + (file.endsWith("u.data")
                        ? " (MovieLens 100K is read from beside the repository, see ../shared/data/README.md;"
                                + " or pass --data PATH, or --train PATH --test PATH)"
                        : ""));
            }
        }
        // One line per model log record (ALS iterations etc.) instead of the JDK's two-line default.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %5$s%6$s%n");
        }
        // DJL's PyTorch engine (BPR) probes for a GPU and warns twice that there is none: expected on CPU machines.
        if (System.getProperty(CUDA_PROBE_LOG_LEVEL) == null) {
            System.setProperty(CUDA_PROBE_LOG_LEVEL, "error");
        }
        long started = System.nanoTime();
        List<OfflineEvaluation.Result> results = OfflineEvaluation.run(options.data(), options.algorithms(),
                options.tune(), progress::println);
        out.println();
        out.print(OfflineEvaluation.table(results));
        out.println();
        for (OfflineEvaluation.Result result : results) {
            out.println(OfflineEvaluation.jsonLine(result));
        }
        progress.printf("evaluated in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private static List<Path> files(OfflineEvaluation.Data data) {
        if (data instanceof OfflineEvaluation.Data.Given given) {
            return List.of(given.train(), given.test());
        }
        return List.of(((OfflineEvaluation.Data.ToSplit) data).ratings());
    }
}
