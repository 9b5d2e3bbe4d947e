package org.vsekai.backpack.launcher.bench;

import java.util.List;
import java.util.concurrent.Callable;

import org.vsekai.backpack.launcher.NumberOptions;
import org.vsekai.backpack.pose.bench.PoseBench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./backpack bench pose}: pose-model's {@link PoseBench} in the launcher's JVM (no service, no broker). */
@Command(name = "pose", description = "Benchmark pose geometry and search on synthetic bodies: triangulation error"
        + " against pixel noise for 2-4 cameras, poses triangulated/s, and exact against HNSW pose search (recall@10,"
        + " p50/p99) on clustered and on spread-out poses.")
public final class PoseBenchCommand implements Callable<Integer> {

    @Option(names = "--poses", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "100,000",
            description = "Stored poses to search (default: ${DEFAULT-VALUE}).")
    int poses;

    @Option(names = "--queries", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "1,000",
            description = "Queries per index (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--bodies", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "400",
            description = "Bodies per row of the triangulation error table (default: ${DEFAULT-VALUE}).")
    int bodies;

    @Option(names = "--candidates", paramLabel = "a,b", split = ",", hideParamSyntax = true,
            converter = NumberOptions.Positive.class, defaultValue = "10,40,100",
            description = "HNSW efSearch values to measure, comma-separated (default: 10,40,100).")
    List<Integer> candidates;

    @Override
    public Integer call() {
        PoseBench.run(poses, queries, bodies, candidates.stream().mapToInt(Integer::intValue).toArray());
        return 0;
    }
}
