package org.vsekai.backpack.launcher.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.launcher.NumberOptions;
import org.vsekai.backpack.launcher.suite.ServiceCommandLine;
import org.vsekai.backpack.launcher.suite.ServiceSpec;
import org.vsekai.backpack.launcher.suite.Suite;
import org.vsekai.backpack.launcher.token.LocalTokens;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./backpack bench gateway}: starts the suite as {@code ./backpack up} does (on free ports), signs tokens for
 * many users as {@code ./backpack token} does, and measures {@code GET /users/{id}/recommendations} straight to the
 * recommender-service (with the forwarded-identity headers the gateway would set) and through the gateway (with a
 * bearer token), closed-loop at each number of connections: requests/s, p50/p99/p99.9, and the gateway's share of the
 * direct figures. Users are taken in turn so that the per-user read bucket does not decide the result; its 429s are
 * counted apart from errors.
 */
@Command(name = "gateway", description = "Benchmark the gateway: GET recommendations straight to the recommender"
        + " against through the gateway (a suite on free ports), closed-loop at 1, 16 and 64 connections;"
        + " requests/s, p50/p99/p99.9 and their ratio.")
public final class GatewayBenchCommand implements Callable<Integer> {

    private static final int SEED_ITEMS = 50;
    private static final int SEED_BATCH = 500;

    @Spec
    CommandSpec spec;

    @Option(names = "--users", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "1,000",
            description = "Users whose tokens are taken in turn (default: ${DEFAULT-VALUE}); each may read 120 at once"
                    + " and 20/s after that.")
    int users;

    @Option(names = "--connections", paramLabel = "a,b", split = ",", hideParamSyntax = true,
            converter = NumberOptions.Positive.class, defaultValue = "1,16,64",
            description = "Connections of each run, comma-separated (default: 1,16,64).")
    List<Integer> connections;

    @Option(names = "--seconds", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "10",
            description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    int seconds;

    /** On 2 shared cores the gateway's JIT (C2) is still compiling its request path after 10 s of load; 30 s do. */
    @Option(names = "--warm-up", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "30",
            description = "Seconds of load on each path before the first run, not measured (default:"
                    + " ${DEFAULT-VALUE}; the JIT compiler needs them); each run also starts with one second that is"
                    + " not measured.")
    int warmUp;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "Record the gateway with Java Flight Recorder (settings=profile) during its measured runs,"
                    + " into FILE (e.g. .backpack/gateway.jfr; read it with jfr print or JDK Mission Control).")
    Path jfr;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String run = BenchSuites.runPrefix();
        try (Suite suite = Suite.start(BenchSuites.options(out))) {
            LocalTokens tokens = new LocalTokens(suite.keys());
            List<String> userIds = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                userIds.add(run + "user-" + u);
            }
            seed(out, suite, tokens, run, userIds);
            ClosedLoopLoad direct = new ClosedLoopLoad(URI.create(suite.serviceUrl(ServiceSpec.RECOMMENDER.name())),
                    userIds.stream().map(user -> new ClosedLoopLoad.Request("/users/" + user + "/recommendations",
                            Map.of(ForwardedIdentity.USER_HEADER, user,
                                    ForwardedIdentity.ROLES_HEADER, LocalTokens.ROLE_USER))).toList());
            Instant now = Instant.now();
            ClosedLoopLoad gateway = new ClosedLoopLoad(URI.create(suite.gatewayUrl()),
                    userIds.stream().map(user -> new ClosedLoopLoad.Request("/api/v1/users/" + user
                            + "/recommendations", Map.of("Authorization", "Bearer "
                            + tokens.sign(user, false, Duration.ofHours(2), now)))).toList());
            out.printf(Locale.ROOT, "gateway bench: GET /users/{id}/recommendations, %,d users in turn; %d"
                            + " processors (shared by the load, the gateway and the recommender); %d s per run after"
                            + " %d s of warm-up per path%n", users, Runtime.getRuntime().availableProcessors(),
                    seconds, warmUp);
            Duration oneSecond = Duration.ofSeconds(1);
            direct.run(16, Duration.ofSeconds(warmUp), Duration.ZERO);
            gateway.run(16, Duration.ofSeconds(warmUp), Duration.ZERO);
            List<ClosedLoopLoad.Result[]> results = new ArrayList<>();
            try (FlightRecording recording = new FlightRecording(jfr,
                    suite.service(ServiceSpec.GATEWAY.name()).pid(), out)) {
                for (int c : connections) {
                    ClosedLoopLoad.Result straight = direct.run(c, oneSecond, Duration.ofSeconds(seconds));
                    recording.startOnce();
                    ClosedLoopLoad.Result through = gateway.run(c, oneSecond, Duration.ofSeconds(seconds));
                    results.add(new ClosedLoopLoad.Result[] {straight, through});
                }
            }
            print(out, results);
        }
        out.flush();
        return 0;
    }

    /** A few likes per user over a small catalogue, so that every answer holds items, and a wait until it does. */
    private static void seed(PrintWriter out, Suite suite, LocalTokens tokens, String run, List<String> userIds)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String admin = tokens.sign(run + "admin", true, Duration.ofHours(1), Instant.now());
        StringBuilder batch = new StringBuilder();
        int inBatch = 0;
        for (int u = 0; u < userIds.size(); u++) {
            for (int k = 0; k < 3; k++) {
                String item = run + "item-" + (u * 7 + k * 13) % SEED_ITEMS;
                batch.append(inBatch == 0 ? "[" : ",").append("{\"@context\":\"https://www.w3.org/ns/activitystreams\","
                        + "\"type\":\"Like\",\"actor\":").append(quoted(userIds.get(u)))
                        .append(",\"object\":").append(quoted(item)).append(",\"published\":\"")
                        .append(Instant.now()).append("\"}");
                if (++inBatch == SEED_BATCH) {
                    postBatch(http, suite, admin, batch.append("]").toString());
                    batch.setLength(0);
                    inBatch = 0;
                }
            }
        }
        if (inBatch > 0) {
            postBatch(http, suite, admin, batch.append("]").toString());
        }
        // The recommender folds interactions in as it consumes them: wait until a cold user is offered items.
        String cold = run + "cold";
        HttpRequest probe = HttpRequest.newBuilder(URI.create(suite.serviceUrl(ServiceSpec.RECOMMENDER.name())
                        + "/users/" + cold + "/recommendations"))
                .header(ForwardedIdentity.USER_HEADER, cold).header(ForwardedIdentity.ROLES_HEADER, "user").build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(probe, HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains(run + "item-")) {
                out.printf(Locale.ROOT, "seeded %,d likes over %d items; an answer is %,d bytes: %s%n",
                        userIds.size() * 3, SEED_ITEMS, body.length(),
                        body.length() > 120 ? body.substring(0, 120) + "..." : body);
                return;
            }
            Thread.sleep(200);
        }
        out.println("seeded likes, but the recommender offered none of the items within 60 s (last answer: " + body
                + "); measuring anyway");
    }

    /** A JSON string of one of the bench's own ids, which are letters, digits and dashes only. */
    private static String quoted(String id) {
        return '"' + id + '"';
    }

    private static void postBatch(HttpClient http, Suite suite, String admin, String json)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(suite.gatewayUrl() + "/api/v1/interactions:batch"))
                .header("Content-Type", "application/ld+json").header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("seeding interactions: the gateway answered " + answer.statusCode() + ": "
                    + answer.body());
        }
    }

    static void print(PrintWriter out, List<ClosedLoopLoad.Result[]> results) {
        out.println();
        out.println("connections  path      requests/s   p50 ms   p99 ms  p99.9 ms   max ms       2xx      429"
                + "   errors");
        for (ClosedLoopLoad.Result[] pair : results) {
            row(out, "direct", pair[0]);
            row(out, "gateway", pair[1]);
        }
        out.println();
        out.println("gateway / direct  throughput   p50 ×    p99 ×  p99.9 ×");
        for (ClosedLoopLoad.Result[] pair : results) {
            ClosedLoopLoad.Result direct = pair[0];
            ClosedLoopLoad.Result gateway = pair[1];
            out.printf(Locale.ROOT, "%3d connections  %9.2f  %7.1f  %7.1f  %7.1f%n", direct.connections(),
                    gateway.perSecond() / direct.perSecond(), gateway.millisAt(0.5) / direct.millisAt(0.5),
                    gateway.millisAt(0.99) / direct.millisAt(0.99), gateway.millisAt(0.999) / direct.millisAt(0.999));
        }
        out.println("(errors: answers other than 2xx and 429, and failed connections; one machine runs the load, the"
                + " gateway and the recommender, so figures vary with whatever else it runs)");
    }

    private static void row(PrintWriter out, String path, ClosedLoopLoad.Result result) {
        out.printf(Locale.ROOT, "%11d  %-8s %11.0f %8.2f %8.2f %9.2f %8.2f %9d %8d %8d%n", result.connections(), path,
                result.perSecond(), result.millisAt(0.5), result.millisAt(0.99), result.millisAt(0.999),
                result.millisAt(1.0), result.successes(), result.count(429), result.errors());
    }

    /**
     * A JFR recording of one process through {@code jcmd}, from the first gateway run to the end of the last; the
     * direct runs in between leave the gateway idle, so they add next to nothing. Nothing without a file.
     */
    private static final class FlightRecording implements AutoCloseable {

        private static final String NAME = "backpack-bench";

        private final Path file;
        private final long pid;
        private final PrintWriter out;
        private boolean started;

        FlightRecording(Path file, long pid, PrintWriter out) {
            this.file = file;
            this.pid = pid;
            this.out = out;
        }

        void startOnce() throws IOException, InterruptedException {
            if (file != null && !started) {
                jcmd("JFR.start", "name=" + NAME, "settings=profile");
                started = true;
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (started) {
                jcmd("JFR.stop", "name=" + NAME, "filename=" + file.toAbsolutePath());
                out.println("gateway JFR recording: " + file.toAbsolutePath());
            }
        }

        private void jcmd(String... command) throws IOException, InterruptedException {
            List<String> line = new ArrayList<>(List.of(
                    ServiceCommandLine.currentJava().resolveSibling("jcmd").toString(), Long.toString(pid)));
            line.addAll(List.of(command));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + said);
            }
        }
    }
}
