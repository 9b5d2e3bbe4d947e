package org.vsekai.backpack.launcher.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.vsekai.backpack.launcher.NumberOptions;
import org.vsekai.backpack.launcher.suite.Suite;
import org.vsekai.backpack.launcher.suite.SuiteOptions;
import org.vsekai.backpack.launcher.suite.VisionModels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./backpack bench ingest}: starts the suite as {@code ./backpack up} does (on free ports) and measures,
 * through the gateway with tokens as {@code ./backpack token} signs them, uploads/s and MiB/s for one large GLB and
 * for many small ones, frames/s, and batch-import rows/s. Uploads and frames are spread over users so that each
 * stays within the upload rate class's burst (10).
 */
@Command(name = "ingest", description = "Benchmark scene uploads, frames and batch import through the gateway"
        + " (a running suite on free ports; one 10 MiB GLB, 1,000 small ones, 500 frames, 20,000 import lines).")
public final class IngestBenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_USER = 9; // within the upload class's burst of 10, with room for a scene
    private static final Duration WAIT = Duration.ofMinutes(10);

    @Spec
    CommandSpec spec;

    @Option(names = "--large-mib", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "10",
            description = "MiB of the one large GLB (default: ${DEFAULT-VALUE}).")
    int largeMib;

    @Option(names = "--small", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "1,000",
            description = "Small GLBs uploaded (default: ${DEFAULT-VALUE}).")
    int small;

    @Option(names = "--frames", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "500",
            description = "640×480 PNG frames posted (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--import-lines", paramLabel = "N", converter = NumberOptions.Positive.class,
            defaultValue = "20,000", description = "Scene references in the batch import (default: ${DEFAULT-VALUE}).")
    int importLines;

    @Option(names = "--concurrency", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "8",
            description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Suite suite;
    private BenchGateway gateway;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // Models on every benchmark frame would take the cores ingest is measured on.
        SuiteOptions options = BenchSuites.options(out)
                .withVisionModels(VisionModels.none("bench ingest measures ingest alone"));
        String run = BenchSuites.runPrefix();
        try (Suite started = Suite.start(options)) {
            suite = started;
            gateway = new BenchGateway(started, http);
            out.printf(Locale.ROOT, "ingest bench through %s; %d processors; %d requests in flight%n",
                    started.gatewayUrl(), Runtime.getRuntime().availableProcessors(), concurrency);
            large(out, run);
            List<String> blobRefs = small(out, run);
            frames(out, run);
            batchImport(out, run, blobRefs);
        }
        out.flush();
        return 0;
    }

    private void large(PrintWriter out, String run) throws Exception {
        byte[] glb = SampleScenes.glb(run + "large", largeMib << 20);
        String user = run + "large";
        long started = System.nanoTime();
        HttpResponse<String> answer = gateway.post("/api/v1/scenes", "model/gltf-binary", gateway.token(user, false),
                glb);
        double upload = seconds(started);
        BenchGateway.require(answer, 202);
        String sceneId = JSON.readTree(answer.body()).path("sceneId").asText();
        awaitScene(user, sceneId, scene -> scene.path("state").asText().equals("METADATA_PUBLISHED"));
        out.printf(Locale.ROOT, "one %.1f MiB GLB: 202 after %.2f s (%.1f MiB/s, %.2f uploads/s); "
                        + "METADATA_PUBLISHED after %.2f s%n", glb.length / 1048576.0, upload,
                glb.length / 1048576.0 / upload, 1 / upload, seconds(started));
    }

    /** Uploads the small GLBs; their blob references, for the import. */
    private List<String> small(PrintWriter out, String run) throws Exception {
        List<byte[]> scenes = new ArrayList<>();
        for (int i = 0; i < small; i++) {
            scenes.add(SampleScenes.glb(run + "small-" + i, 0));
        }
        long bytes = scenes.stream().mapToLong(scene -> scene.length).sum();
        List<String> refs = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        long started = System.nanoTime();
        parallel(small, i -> {
            HttpResponse<String> answer = gateway.post("/api/v1/scenes", "model/gltf-binary",
                    gateway.token(run + "small-user-" + i / PER_USER, false), scenes.get(i));
            if (answer.statusCode() != 202) {
                refused.incrementAndGet();
                return;
            }
            synchronized (refs) {
                refs.add(JSON.readTree(answer.body()).path("blobRef").asText());
            }
        });
        double spent = seconds(started);
        out.printf(Locale.ROOT, "%,d small GLBs (%,d bytes each): %.1f s, %.1f uploads/s, %.2f MiB/s; %d refused%n",
                small, scenes.get(0).length, spent, small / spent, bytes / 1048576.0 / spent, refused.get());
        return refs;
    }

    private void frames(PrintWriter out, String run) throws Exception {
        int users = (frames + PER_USER - 1) / PER_USER;
        List<String> sceneIds = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String user = run + "frames-user-" + u;
            HttpResponse<String> answer = gateway.post("/api/v1/scenes", "model/gltf-binary",
                    gateway.token(user, false),
                    SampleScenes.glb(run + "frames-" + u, 0));
            BenchGateway.require(answer, 202);
            sceneIds.add(JSON.readTree(answer.body()).path("sceneId").asText());
        }
        for (int u = 0; u < users; u++) {
            awaitScene(run + "frames-user-" + u, sceneIds.get(u), scene -> scene.path("parsedAt").isTextual());
        }
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            images.add(SampleScenes.png(640, 480, i * 7919 + 1));
        }
        AtomicInteger refused = new AtomicInteger();
        long started = System.nanoTime();
        parallel(frames, i -> {
            int user = i / PER_USER;
            HttpResponse<String> answer = gateway.post("/api/v1/scenes/" + sceneIds.get(user % users)
                    + "/cameras/1/frames",
                    "image/png", gateway.token(run + "frames-user-" + (user % users), false), images.get(i));
            if (answer.statusCode() != 202) {
                refused.incrementAndGet();
            }
        });
        double spent = seconds(started);
        out.printf(Locale.ROOT, "%,d frames (640×480 PNG, %,d bytes each): %.1f s, %.1f frames/s; %d refused%n",
                frames, images.get(0).length, spent, frames / spent, refused.get());
    }

    private void batchImport(PrintWriter out, String run, List<String> blobRefs) throws Exception {
        if (blobRefs.isEmpty()) {
            out.println("batch import: skipped, no small upload was stored");
            return;
        }
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < importLines; i++) {
            ndjson.append("{\"ownerId\": \"").append(run).append("import-owner-").append(i)
                    .append("\", \"blobRef\": \"").append(blobRefs.get(i % blobRefs.size()))
                    .append("\", \"format\": \"GLB\"}\n");
        }
        String admin = gateway.token(run + "admin", true);
        HttpResponse<String> answer = gateway.post("/api/v1/admin/import", "application/x-ndjson", admin,
                ndjson.toString().getBytes(StandardCharsets.UTF_8));
        BenchGateway.require(answer, 202);
        String importId = JSON.readTree(answer.body()).path("importId").asText();
        JsonNode progress = await(() -> gateway.get("/api/v1/admin/imports/" + importId, admin),
                found -> found.path("finishedAt").isTextual());
        double spent = Duration.between(Instant.parse(progress.path("createdAt").asText()),
                Instant.parse(progress.path("finishedAt").asText())).toNanos() / 1e9;
        long rows = progress.path("rowsWritten").asLong();
        out.printf(Locale.ROOT, "batch import of %,d lines (%,d bytes): %,d rows in %.1f s, %.0f rows/s "
                        + "(chunks of one transaction each); %d lines skipped%n", importLines, ndjson.length(), rows,
                spent, rows / spent, progress.path("linesFailed").asLong());
    }

    private interface Step {
        void run(int index) throws Exception;
    }

    private void parallel(int count, Step step) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                results.add(threads.submit(() -> {
                    step.run(index);
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private void awaitScene(String user, String sceneId, Predicate<JsonNode> done) throws Exception {
        await(() -> gateway.get("/api/v1/scenes/" + sceneId, gateway.token(user, false)), done);
    }

    private JsonNode await(Callable<HttpResponse<String>> read, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = read.call();
            if (answer.statusCode() == 200) {
                JsonNode found = JSON.readTree(answer.body());
                if (done.test(found)) {
                    return found;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not done within " + WAIT);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

}
