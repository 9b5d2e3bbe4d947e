package org.vsekai.backpack.launcher.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.vsekai.backpack.launcher.NumberOptions;
import org.vsekai.backpack.launcher.suite.RunningService;
import org.vsekai.backpack.launcher.suite.Suite;
import org.vsekai.backpack.launcher.token.LocalTokens;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./backpack bench soak}: starts the suite (on free ports), then sends a mixed open-loop load through the
 * gateway for {@code --minutes}: recommendation reads, interactions, similar items, metadata reads and writes,
 * attributes and scene uploads ({@link MixedLoad.Kind} has the mix). Every {@code --sample-seconds} it prints the
 * interval's throughput, latency and errors beside each service's resident memory and heap; at the end, each kind's
 * figures and each service's memory trend over the second half of the run (MiB per minute). Users are many enough that
 * no rate limit is reached, so any 429 counts as an error too.
 */
@Command(name = "soak", description = "Soak test: a mixed open-loop load through the gateway of a suite on free ports"
        + " (recommendations, interactions, similar items, metadata reads and writes, attributes, uploads) for"
        + " --minutes; throughput, p50/p99/p99.9 and errors per interval and per kind, and each service's RSS and"
        + " heap over time with its trend.")
public final class SoakBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "10",
            description = "How long the load runs (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--rate", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "100",
            description = "Requests per second over all kinds (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--users", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "200",
            description = "Users taking the requests in turn (default: ${DEFAULT-VALUE}); at the default rate each"
                    + " sends one every two seconds, far inside its buckets.")
    int users;

    @Option(names = "--warm-up", paramLabel = "SECONDS", converter = NumberOptions.Positive.class,
            defaultValue = "60", description = "Seconds of the same load before the measured minutes, reported apart"
                    + " (default: ${DEFAULT-VALUE}): freshly started JVMs answer slowly until their JIT has compiled"
                    + " the request paths.")
    int warmUp;

    @Option(names = "--sample-seconds", paramLabel = "N", converter = NumberOptions.Positive.class,
            defaultValue = "30", description = "Seconds between two printed samples (default: ${DEFAULT-VALUE}).")
    int sampleSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String run = BenchSuites.runPrefix();
        try (Suite suite = Suite.start(BenchSuites.options(out))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
            Requests requests = new Requests(suite, new LocalTokens(suite.keys()), run, users,
                    Duration.ofMinutes(minutes + 60L));
            requests.seed(out, http);
            out.printf(Locale.ROOT, "soak: %d min at %d requests/s through the gateway, %d users; mix per hundred:"
                            + " %s%n", minutes, rate, users, mix());
            MixedLoad warming = new MixedLoad(http, rate, requests::call);
            long[] warmUpErrors = new long[1];
            Map<Integer, Long> warmUpStatuses = new TreeMap<>();
            warming.run(Duration.ofSeconds(warmUp), Duration.ofSeconds(warmUp), Duration.ofSeconds(30),
                    (elapsed, interval) -> {
                        warmUpErrors[0] += interval.errors() + interval.refused();
                        interval.errorStatuses().forEach((status, n) -> warmUpStatuses.merge(status, n, Long::sum));
                    });
            out.printf(Locale.ROOT, "warm-up: %d s, %,d requests, %,d errors%s (not counted below)%n", warmUp,
                    warming.sent(), warmUpErrors[0], warmUpStatuses.isEmpty() ? "" : " by status " + warmUpStatuses);
            out.println();
            out.println("     t  requests/s   p50 ms   p99 ms  p99.9 ms  errors   429 | RSS MiB / heap MiB per service");
            List<Double> at = new ArrayList<>();
            Map<String, List<Long>> resident = new LinkedHashMap<>();
            Map<String, List<Long>> heap = new LinkedHashMap<>();
            HttpClient metrics = HttpClient.newHttpClient();
            MixedLoad load = new MixedLoad(http, rate, requests::call);
            long[] errors = new long[1];
            load.run(Duration.ofMinutes(minutes), Duration.ofSeconds(sampleSeconds), Duration.ofSeconds(30),
                    (elapsed, interval) -> {
                        errors[0] += interval.errors() + interval.refused();
                        StringBuilder memory = new StringBuilder();
                        at.add(elapsed.toMillis() / 60_000.0);
                        for (RunningService service : suite.services()) {
                            ServiceMemory now = ServiceMemory.of(service, metrics);
                            resident.computeIfAbsent(service.name(), k -> new ArrayList<>())
                                    .add(now.residentBytes().orElse(0));
                            heap.computeIfAbsent(service.name(), k -> new ArrayList<>())
                                    .add(now.heapUsedBytes().orElse(0));
                            memory.append(String.format(Locale.ROOT, " %s %s/%s", abbreviation(service.name()),
                                    mib(now.residentBytes()), mib(now.heapUsedBytes())));
                        }
                        double seconds = Math.max(1, sampleSeconds);
                        out.printf(Locale.ROOT, "%5.1fm %11.1f %8.2f %8.2f %9.2f %7d %5d |%s%n",
                                elapsed.toMillis() / 60_000.0, interval.answered() / seconds,
                                interval.millisAt(0.5), interval.millisAt(0.99), interval.millisAt(0.999),
                                interval.errors(), interval.refused(), memory);
                        out.flush();
                    });
            printKinds(out, load);
            printTrends(out, at, resident, heap);
            out.printf(Locale.ROOT, "%nsent %,d requests, %,d unanswered after the drain, %,d errors (429s"
                    + " included)%n", load.sent(), load.inFlight(), errors[0]);
            out.flush();
            return errors[0] == 0 && load.inFlight() == 0 ? 0 : 1;
        }
    }

    private static String mix() {
        StringBuilder mix = new StringBuilder();
        for (MixedLoad.Kind kind : MixedLoad.Kind.values()) {
            mix.append(mix.length() == 0 ? "" : ", ").append(kind.name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(kind.weight);
        }
        return mix.toString();
    }

    private static void printKinds(PrintWriter out, MixedLoad load) {
        out.println();
        out.println("kind               answered   p50 ms   p99 ms  p99.9 ms   max ms  errors   429  by status (0: no"
                + " answer)");
        for (MixedLoad.Kind kind : MixedLoad.Kind.values()) {
            MixedLoad.Snapshot s = load.ofKind(kind);
            out.printf(Locale.ROOT, "%-17s %9d %8.2f %8.2f %9.2f %8.2f %7d %5d  %s%n",
                    kind.name().toLowerCase(Locale.ROOT), s.answered(), s.millisAt(0.5), s.millisAt(0.99),
                    s.millisAt(0.999), s.millisAt(1.0), s.errors(), s.refused(),
                    s.errorStatuses().isEmpty() ? "" : s.errorStatuses());
        }
    }

    /** Memory at the first and last sample, and its slope over the second half (the first half includes warm-up). */
    private static void printTrends(PrintWriter out, List<Double> at, Map<String, List<Long>> resident,
                                    Map<String, List<Long>> heap) {
        out.println();
        out.println("service              RSS first   RSS last  RSS MiB/min (2nd half)  heap MiB/min (2nd half)");
        int from = at.size() / 2;
        for (String service : resident.keySet()) {
            List<Long> rss = resident.get(service);
            out.printf(Locale.ROOT, "%-20s %9s %10s %23.2f %24.2f%n", service, mib(rss.get(0)),
                    mib(rss.get(rss.size() - 1)),
                    ServiceMemory.slopeMibPerMinute(at.subList(from, at.size()), rss.subList(from, rss.size())),
                    ServiceMemory.slopeMibPerMinute(at.subList(from, at.size()),
                            heap.get(service).subList(from, rss.size())));
        }
        out.println("(heap in use moves with every collection; the RSS slope says whether the process grows)");
    }

    private static String abbreviation(String service) {
        return service.replace("-service", "");
    }

    private static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? mib(bytes.getAsLong()) : "n/a";
    }

    private static String mib(long bytes) {
        return Long.toString(Math.round(bytes / (1024.0 * 1024.0)));
    }

    /** The soak's requests: each user's token, seeded item and the body of each kind. */
    static final class Requests {

        private static final String LD_JSON = "application/ld+json";

        private final Suite suite;
        private final String run;
        private final List<String> users = new ArrayList<>();
        private final List<String> tokens = new ArrayList<>();
        /** Each upload's title, unique over the warm-up and the run: the same bytes twice would be one scene. */
        private final AtomicLong uploads = new AtomicLong();

        Requests(Suite suite, LocalTokens signer, String run, int count, Duration tokenLife) {
            this.suite = suite;
            this.run = run;
            Instant now = Instant.now();
            for (int u = 0; u < count; u++) {
                String user = run + "user-" + u;
                users.add(user);
                tokens.add(signer.sign(user, false, tokenLife, now));
            }
        }

        /** Each user's item metadata once (201), so that reads of it and of its attributes find something. */
        void seed(PrintWriter out, HttpClient http) throws Exception {
            for (int u = 0; u < users.size(); u++) {
                BenchGateway.require(http.send(metadataWrite(u, 0), HttpResponse.BodyHandlers.ofString()), 201);
            }
            out.printf(Locale.ROOT, "seeded %d items' metadata (one per user)%n", users.size());
        }

        /**
         * The {@code n}-th request: users in turn, and each user's own requests going through the whole mix (the
         * {@code k}-th request of user {@code u} is of slot {@code k + u}), so that every user sends every kind at its
         * weight and no user sends one kind more often than its bucket allows.
         */
        MixedLoad.Call call(long n) {
            int u = (int) (n % users.size());
            MixedLoad.Kind kind = MixedLoad.kindOf(n / users.size() + u);
            return switch (kind) {
                case RECOMMENDATIONS -> new MixedLoad.Call(kind, get("/api/v1/users/" + users.get(u)
                        + "/recommendations?limit=10", u), List.of(200));
                case INTERACTION -> new MixedLoad.Call(kind, post("/api/v1/interactions", LD_JSON, u,
                        interaction(u, n)), List.of(202));
                case SIMILAR -> new MixedLoad.Call(kind, get("/api/v1/items/" + item((u + 1) % users.size())
                        + "/similar?limit=10", u), List.of(200));
                case METADATA_READ -> new MixedLoad.Call(kind, get("/api/v1/items/" + item((u + 3) % users.size())
                        + "/metadata", u), List.of(200));
                case METADATA_WRITE -> new MixedLoad.Call(kind, metadataWrite(u, n), List.of(200));
                case ATTRIBUTES -> new MixedLoad.Call(kind, get("/api/v1/items/" + item((u + 5) % users.size())
                        + "/attributes", u), List.of(200));
                case UPLOAD -> new MixedLoad.Call(kind, post("/api/v1/scenes", "model/gltf-binary", u,
                        SampleScenes.glb(run + "soak scene " + uploads.incrementAndGet(), 0)), List.of(202));
            };
        }

        private String item(int u) {
            return run + "item-" + u;
        }

        private byte[] interaction(int u, long n) {
            // Objects spread over every user's item, so that the catalogue and the recommender's model move.
            String json = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"type\":\"Like\",\"actor\":\""
                    + users.get(u) + "\",\"object\":\"" + item((int) ((n * 7919) % users.size())) + "\",\"published\":\""
                    + Instant.now() + "\"}";
            return json.getBytes(StandardCharsets.UTF_8);
        }

        private HttpRequest metadataWrite(int u, long n) {
            String json = "{\"@context\": \"https://backpack.v-sekai.org/contexts/backpack.jsonld\", \"id\":"
                    + " \"urn:backpack:item:" + item(u) + "\", \"type\": \"Prop\", \"name\": \"Soak prop " + u
                    + "\", \"keywords\": [\"soak\", \"version-" + n + "\"]}";
            return HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/items/" + item(u) + "/metadata"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", LD_JSON)
                    .header("Authorization", "Bearer " + tokens.get(u))
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        }

        private HttpRequest get(String path, int u) {
            return HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens.get(u)).GET().build();
        }

        private HttpRequest post(String path, String type, int u, byte[] body) {
            return HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", type).header("Authorization", "Bearer " + tokens.get(u))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }
    }
}
