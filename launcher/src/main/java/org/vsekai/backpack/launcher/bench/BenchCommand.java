package org.vsekai.backpack.launcher.bench;

import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

import org.vsekai.backpack.launcher.NumberOptions;
import org.vsekai.backpack.launcher.TrainingLogs;
import org.vsekai.backpack.recommender.model.algorithm.Bpr;
import org.vsekai.backpack.recommender.model.algorithm.FactorModel;
import org.vsekai.backpack.recommender.model.algorithm.ImplicitAls;
import org.vsekai.backpack.recommender.model.algorithm.ItemKnn;
import org.vsekai.backpack.recommender.model.algorithm.ItemNeighbours;
import org.vsekai.backpack.recommender.model.algorithm.ItemSimilarityMeasure;
import org.vsekai.backpack.recommender.model.algorithm.Rp3Beta;
import org.vsekai.backpack.recommender.model.algorithm.ScoredIndex;
import org.vsekai.backpack.recommender.model.algorithm.ItemItemRecommender;
import org.vsekai.backpack.recommender.model.evaluation.Algorithms;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.model.serving.FactorScan;
import org.vsekai.backpack.recommender.model.serving.NeighbourScan;
import org.vsekai.backpack.recommender.model.synthetic.SyntheticInteractions;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ./backpack bench}: generates synthetic interactions (default 200,000 users × 200,000 items × 5,000,000
 * interactions), trains each algorithm on them, and measures single-thread top-10 latency on the serving layouts,
 * with the user's items filtered out. EASE is left out: its dense item×item matrix needs O(items²) memory (160 GB of
 * floats at 200,000 items). Figures go to standard output; model logs to standard error.
 */
@Command(name = "bench", description = "Benchmark training time, peak heap and recommend latency on synthetic data"
        + " (default 200,000 users × 200,000 items × 5,000,000 interactions; run by ./backpack with -Xmx12g).",
        subcommands = {IngestBenchCommand.class, VisionBenchCommand.class, GatewayBenchCommand.class,
            PoseBenchCommand.class, StreamBenchCommand.class, FoldInBenchCommand.class,
            SoakBenchCommand.class},
        commandListHeading = "%nOther targets:%n")
public final class BenchCommand implements Callable<Integer> {

    private static final List<String> ALGORITHMS = List.of("ials", "bpr", "itemcf", "rp3beta");
    private static final int K = 10;
    /**
     * BPR on the benchmark's data: 5 epochs of 4.4M triples (one per distinct pair; tens of seconds each), so a larger
     * learning rate than MovieLens's tuned 0.001 over 200 epochs, and larger batches (fewer JNI round trips per epoch).
     */
    static final int BPR_EPOCHS = 5;
    static final int BPR_BATCH_SIZE = 8192;
    static final double BPR_LEARNING_RATE = 0.005;
    static final double BPR_REGULARIZATION = 0.01;

    @Spec
    CommandSpec spec;

    /** What this command benchmarks when no target is named; the other targets are its subcommands. */
    @Parameters(arity = "0..1", paramLabel = "recommender", converter = RecommenderTarget.class,
            description = "The recommender models, also when no target is named.")
    String target;

    @Option(names = "--users", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "200,000",
            description = "Synthetic users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--items", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "200,000",
            description = "Synthetic items (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--interactions", paramLabel = "N", converter = NumberOptions.Positive.class,
            defaultValue = "5,000,000", description = "Synthetic interactions (default: ${DEFAULT-VALUE}).")
    int interactions;

    @Option(names = "--algorithms", paramLabel = "a,b", split = ",", hideParamSyntax = true,
            converter = AlgorithmName.class, completionCandidates = AlgorithmNames.class,
            description = "The algorithms to benchmark, comma-separated, from ${COMPLETION-CANDIDATES} (default: all;"
                    + " EASE is left out: its dense item×item matrix needs O(items²) memory).")
    List<String> algorithms;

    @Option(names = "--queries", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "10,000",
            description = "Timed top-10 queries per serving layout (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--factors", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "64",
            description = "Latent factors of ials and bpr (default: ${DEFAULT-VALUE}).")
    int factors;

    @Option(names = "--iterations", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "10",
            description = "ials iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--epochs", paramLabel = "N", converter = NumberOptions.Positive.class,
            defaultValue = "" + BPR_EPOCHS, description = "bpr epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--neighbours", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "100",
            description = "Neighbours kept per item by itemcf and rp3beta (default: ${DEFAULT-VALUE}).")
    int neighbours;

    /** The algorithms to run, each once, in the order given. */
    Set<String> algorithms() {
        return new LinkedHashSet<>(algorithms != null ? algorithms : ALGORITHMS);
    }

    /** One of {@link #ALGORITHMS}: {@code --algorithms names an unknown algorithm 'svd'; known: ...}. */
    static final class AlgorithmName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String name = value.trim();
            if (name.equals("ease")) {
                throw new TypeConversionException("cannot take ease: its dense item×item matrix needs O(items²)"
                        + " memory");
            }
            if (!ALGORITHMS.contains(name)) {
                throw new TypeConversionException("names an unknown algorithm '" + name + "'; known: "
                        + String.join(", ", ALGORITHMS));
            }
            return name;
        }
    }

    /** {@code recommender}, the only target that is no subcommand: {@code unknown target 'x'} otherwise. */
    static final class RecommenderTarget implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.equals("recommender")) {
                throw new IllegalArgumentException("unknown target '" + value + "'; ./backpack bench --help lists"
                        + " them");
            }
            return value;
        }
    }

    /** For the help: the names {@code --algorithms} takes. */
    static final class AlgorithmNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ALGORITHMS.iterator();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainingLogs.configure();
        HeapWatch heap = new HeapWatch();
        out.printf("bench: %,d users × %,d items × %,d interactions; %d processors; max heap %,d MB; Java %s%n",
                users, items, interactions, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));

        heap.reset();
        long started = System.nanoTime();
        SyntheticInteractions.Data data = SyntheticInteractions.generate(
                SyntheticInteractions.Settings.of(users, items, interactions));
        InteractionMatrix matrix = data.matrix();
        out.printf("generate: %.1f s, %,d distinct (user, item) pairs, %,d items with interactions; peak heap %s%n",
                seconds(started), matrix.nonZeroCount(), itemsWithInteractions(matrix), heap.peak());

        SplittableRandom random = new SplittableRandom(7);
        int[] queryUsers = random.ints(queries, 0, matrix.userCount()).toArray();
        int[] liveItems = liveItems(matrix);
        int[] queryItems = random.ints(queries, 0, liveItems.length).map(i -> liveItems[i]).toArray();
        int[] backpackOf = random.ints(queries, 0, matrix.userCount()).toArray();

        for (String algorithm : algorithms()) {
            out.println();
            heap.reset();
            long before = heap.usedAfterGc();
            started = System.nanoTime();
            if (algorithm.equals("ials")) {
                ImplicitAls model = new ImplicitAls(new ImplicitAls.Settings(factors, 7.0,
                        Algorithms.ALS_REGULARIZATION_EXPONENT, 7.0, iterations, Algorithms.ALS_CG_STEPS,
                        Algorithms.ALS_SEED));
                model.fit(matrix);
                out.printf("ials (%d factors, %d iterations, %d CG steps, λ 7, α 7): trained in %.1f s;"
                        + " peak heap %s; model %s%n", factors, iterations,
                        Algorithms.ALS_CG_STEPS, seconds(started), heap.peak(), mb(heap.usedAfterGc() - before));
                serveFactors(out, model, data, queryUsers);
            } else if (algorithm.equals("bpr")) {
                Bpr.Settings settings = new Bpr.Settings(factors, BPR_LEARNING_RATE, BPR_REGULARIZATION,
                        epochs, BPR_BATCH_SIZE, Algorithms.BPR_NEGATIVES, Algorithms.BPR_SEED);
                Bpr model = new Bpr(settings);
                model.fit(matrix);
                double trained = seconds(started);
                out.printf("bpr (%d factors, %d epochs of %,d triples in batches of %,d, Adam lr %s, λ %s; DJL on"
                        + " PyTorch, CPU): trained in %.1f s (%.1f s per epoch, final loss %.4f); peak heap %s;"
                        + " model %s%n", factors, epochs,
                        (long) matrix.nonZeroCount() * settings.negatives(), settings.batchSize(),
                        settings.learningRate(), settings.regularization(), trained, trained / epochs,
                        model.epochLosses()[epochs - 1], heap.peak(), mb(heap.usedAfterGc() - before));
                serveFactors(out, model, data, queryUsers);
            } else {
                ItemItemRecommender model = algorithm.equals("itemcf")
                        ? new ItemKnn(ItemSimilarityMeasure.COSINE, neighbours, 100)
                        : new Rp3Beta(0.7, 0.5, neighbours, true);
                model.fit(matrix);
                ItemNeighbours trained = model instanceof ItemKnn knn ? knn.neighbours()
                        : ((Rp3Beta) model).neighbours();
                out.printf("%s (%s, %d neighbours): trained in %.1f s; peak heap %s; model %s (%,d links)%n",
                        algorithm, algorithm.equals("itemcf") ? "cosine, shrink 100" : "α 0.7, β 0.5",
                        neighbours, seconds(started), heap.peak(), mb(heap.usedAfterGc() - before),
                        trained.links());
                NeighbourScan scan = new NeighbourScan(trained);
                latency(out, "  user-item top-10, user's items filtered", queryUsers,
                        user -> scan.recommend(matrix.itemsOf(user), matrix.itemsOf(user), K));
                inCluster(out, data, queryUsers, user -> scan.recommend(matrix.itemsOf(user), matrix.itemsOf(user),
                        K));
                int[] query = {0};
                latency(out, "  item-item top-10, a user's items filtered", queryItems, item -> scan.similarItems(
                        item, K, matrix.itemsOf(backpackOf[query[0]++ % backpackOf.length])));
            }
        }
        out.println();
        out.printf("peak heap over the whole run: %s (sum of the heap pools' peaks); EASE not run: O(items²) memory"
                + " (%,d MB for its dense matrix)%n", mb(heap.wholeRunPeak()),
                (long) items * items * Float.BYTES >> 20);
        return 0;
    }

    /** The serving layout of a factor model: its size, how early the norm bound stops, latency and quality. */
    private static void serveFactors(PrintWriter out, FactorModel model, SyntheticInteractions.Data data,
            int[] queryUsers) {
        InteractionMatrix matrix = data.matrix();
        FactorScan scan = FactorScan.of(model, matrix);
        long scored = 0;
        for (int user : queryUsers) {
            scored += scan.rowsScored(model.userVector(user), matrix.itemsOf(user), K);
        }
        out.printf("  serving layout: %s, float32 row-major by norm; the norm bound stops a scan after"
                + " %,d of %,d item rows on average%n", mb(scan.bytes()), scored / queryUsers.length,
                itemsWithInteractions(matrix));
        latency(out, "  user-item top-10, user's items filtered", queryUsers,
                user -> scan.recommend(model.userVector(user), matrix.itemsOf(user), K));
        inCluster(out, data, queryUsers,
                user -> scan.recommend(model.userVector(user), matrix.itemsOf(user), K));
        latency(out, "  the same scanning all rows (no norm bound: the worst case)", queryUsers,
                user -> scan.recommendScanningAll(model.userVector(user), matrix.itemsOf(user), K));
    }

    /** Warms up on the same queries, then times each call; prints p50, p99 and max. */
    private static void latency(PrintWriter out, String label, int[] queries, IntConsumer call) {
        int warmUp = Math.max(queries.length, 2_000);
        for (int q = 0; q < warmUp; q++) {
            call.accept(queries[q % queries.length]);
        }
        long[] nanos = new long[queries.length];
        for (int q = 0; q < queries.length; q++) {
            long started = System.nanoTime();
            call.accept(queries[q]);
            nanos[q] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        out.printf("%s, single thread, %,d queries: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", label, queries.length,
                nanos[(int) (nanos.length * 0.50)] / 1e6, nanos[Math.min(nanos.length - 1,
                        (int) (nanos.length * 0.99))] / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    /** A sanity check that the model learnt the clusters: the share of recommended items from the user's cluster. */
    private static void inCluster(PrintWriter out, SyntheticInteractions.Data data, int[] users,
            IntFunction<List<ScoredIndex>> recommend) {
        long total = 0;
        long inCluster = 0;
        for (int user : users) {
            for (ScoredIndex item : recommend.apply(user)) {
                total++;
                inCluster += data.itemClusters()[item.item()] == data.userClusters()[user] ? 1 : 0;
            }
        }
        out.printf("  quality: %.1f%% of recommended items are from the user's taste cluster (%d clusters)%n",
                100.0 * inCluster / Math.max(1, total), Arrays.stream(data.itemClusters()).max().orElse(0) + 1);
    }

    private static int[] liveItems(InteractionMatrix matrix) {
        return IntStream.range(0, matrix.itemCount())
                .filter(i -> matrix.columnEnd(i) > matrix.columnStart(i)).toArray();
    }

    private static int itemsWithInteractions(InteractionMatrix matrix) {
        return liveItems(matrix).length;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static String mb(long bytes) {
        return String.format("%,d MB", bytes >> 20);
    }

    /**
     * Peak heap from the JVM's own accounting: the heap pools' peak usage (reset per phase), and the heap in use
     * just before each collection (from the GC notifications), whichever is higher.
     */
    private static final class HeapWatch {

        private final List<MemoryPoolMXBean> pools = new ArrayList<>();
        private final AtomicLong beforeGc = new AtomicLong();
        private long wholeRun;

        HeapWatch() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pools.add(pool);
                }
            }
            NotificationListener listener = (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                        notification.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> entry : info.getGcInfo().getMemoryUsageBeforeGc()
                            .entrySet()) {
                        if (isHeapPool(entry.getKey())) {
                            used += entry.getValue().getUsed();
                        }
                    }
                    beforeGc.accumulateAndGet(used, Math::max);
                }
            };
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (collector instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(listener, null, null);
                }
            }
        }

        private boolean isHeapPool(String name) {
            return pools.stream().anyMatch(pool -> pool.getName().equals(name));
        }

        void reset() {
            wholeRun = Math.max(wholeRun, peakBytes());
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            beforeGc.set(0);
        }

        private long peakBytes() {
            long sum = 0;
            for (MemoryPoolMXBean pool : pools) {
                sum += pool.getPeakUsage().getUsed();
            }
            return Math.max(sum, beforeGc.get());
        }

        String peak() {
            return mb(peakBytes());
        }

        long wholeRunPeak() {
            return Math.max(wholeRun, peakBytes());
        }

        /** Heap in use after a full collection: what the live data (matrix, models) holds. */
        long usedAfterGc() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }
}
