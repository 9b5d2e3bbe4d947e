package org.vsekai.backpack.launcher.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.launcher.NumberOptions;
import org.vsekai.backpack.launcher.suite.ServiceSpec;
import org.vsekai.backpack.launcher.suite.Suite;
import org.vsekai.backpack.launcher.suite.VisionModels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./backpack bench foldin}: the speed layer's event→visible latency through Kafka. Starts the suite (no
 * vision models), sends clustered likes to the {@code interactions} topic as the gateway would, trains through the
 * gateway until the model holds them all, then, one sample at a time, sends one more like for a user the model
 * knows and reads that user's recommendations from the recommender back to back until the answer is served from
 * the user's folded vector ({@code ials-fold-in@...}): the time from handing the event to the producer to that
 * answer, on the bench's one clock. Each sample is a user not folded before, so the first fold-in is what shows.
 */
@Command(name = "foldin", description = "Benchmark the recommender's fold-in: an interaction event sent to Kafka"
        + " until the user's recommendations are served from their folded vector; p50/p99/max of event→visible.")
public final class FoldInBenchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLUSTERS = 4;
    private static final int WARM_UP = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--users", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "2,000",
            description = "Users the model is trained on; each sample takes one (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--items", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "1,000",
            description = "Items, in " + CLUSTERS + " taste clusters (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--likes", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "20",
            description = "Likes per user before the training, from the user's cluster (default: ${DEFAULT-VALUE}).")
    int likes;

    @Option(names = "--samples", paramLabel = "N", converter = NumberOptions.Positive.class, defaultValue = "500",
            description = "Measured fold-ins, after " + WARM_UP + " not reported (default: ${DEFAULT-VALUE}).")
    int samples;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (samples + WARM_UP > users) {
            throw new ParameterException(spec.commandLine(),
                    "--users must be at least --samples + " + WARM_UP + ": each sample folds a user in once");
        }
        String run = BenchSuites.runPrefix();
        Random random = new Random(42);
        try (Suite suite = Suite.start(BenchSuites.options(out)
                .withVisionModels(VisionModels.none("bench foldin needs no vision model")));
             KafkaProducer<String, byte[]> producer = StreamBenchCommand.producer(suite.kafkaBootstrap())) {
            BenchGateway gateway = new BenchGateway(suite, http);
            for (int u = 0; u < users; u++) {
                int cluster = u % CLUSTERS;
                for (int k = 0; k < likes; k++) {
                    // Items of a cluster are i ≡ cluster (mod CLUSTERS); repeats count once, as in training.
                    int item = cluster + CLUSTERS * random.nextInt(items / CLUSTERS);
                    send(producer, run + "u" + u, run + "item-" + item);
                }
            }
            producer.flush();
            long pairs = trainUntilAll(gateway, run);
            out.printf(Locale.ROOT, "fold-in bench through Kafka on %s; %d processors; model trained on %,d pairs of "
                            + "%,d users × %,d items (%d clusters)%n", suite.gatewayUrl(),
                    Runtime.getRuntime().availableProcessors(), pairs, users, items, CLUSTERS);
            String recommender = suite.serviceUrl(ServiceSpec.RECOMMENDER.name());
            List<Double> latencies = new ArrayList<>();
            long polls = 0;
            for (int s = 0; s < WARM_UP + samples; s++) {
                String user = run + "u" + s;
                int other = (s % CLUSTERS + 1) % CLUSTERS;
                String item = run + "item-" + (other + CLUSTERS * random.nextInt(items / CLUSTERS));
                HttpRequest read = HttpRequest.newBuilder(URI.create(recommender + "/users/" + user
                                + "/recommendations?limit=10")).timeout(Duration.ofSeconds(10))
                        .header(ForwardedIdentity.USER_HEADER, user).header(ForwardedIdentity.ROLES_HEADER, "user")
                        .GET().build();
                long sent = System.nanoTime();
                send(producer, user, item);
                long deadline = sent + TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    HttpResponse<String> answer = http.send(read, HttpResponse.BodyHandlers.ofString());
                    polls++;
                    if (answer.statusCode() == 200 && JSON.readTree(answer.body()).path("model").asText()
                            .startsWith("ials-fold-in@")) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(user + " was not folded in within 30 s: " + answer.body());
                    }
                }
                if (s >= WARM_UP) {
                    latencies.add((System.nanoTime() - sent) / 1e6);
                }
            }
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long underOneSecond = latencies.stream().filter(ms -> ms < 1000).count();
            out.printf(Locale.ROOT, "event→visible, %d samples (one at a time; the user's recommendations read back "
                    + "to back, %,d reads in all):%n", sorted.length, polls);
            out.printf(Locale.ROOT, "p50 %8.1f ms   p99 %8.1f ms   max %8.1f ms   under 1 s: %d of %d%n",
                    StreamBenchCommand.percentile(sorted, 50), StreamBenchCommand.percentile(sorted, 99),
                    sorted[sorted.length - 1], underOneSecond, sorted.length);
        }
        out.flush();
        return 0;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String user, String item) {
        Instant now = Instant.now();
        producer.send(new ProducerRecord<>(Topics.INTERACTIONS_NAME, user, EventJson.write(InteractionEvent.of(
                UUID.randomUUID(), "urn:uuid:" + UUID.randomUUID(), ActivityType.LIKE, user, item, now, now))));
    }

    /** Trains through the gateway until a finished job learned from every pair this run's users have. */
    private long trainUntilAll(BenchGateway gateway, String run) throws Exception {
        String admin = gateway.token(run + "ops", true);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long last = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> started = gateway.post("/api/v1/admin/training", "application/json", admin,
                    new byte[0]);
            // The recommender busy consuming the likes (503) or the admin's rate limit (429): ask again.
            if (started.statusCode() == 503 || started.statusCode() == 429) {
                Thread.sleep(1000);
                continue;
            }
            BenchGateway.require(started, 202);
            String id = JSON.readTree(started.body()).path("id").asText();
            JsonNode job;
            do {
                Thread.sleep(1000);
                HttpResponse<String> read = gateway.get("/api/v1/admin/training/jobs/" + id, admin);
                boolean busy = read.statusCode() == 503 || read.statusCode() == 429;
                job = busy ? JSON.createObjectNode().put("state", "RUNNING") : JSON.readTree(BenchGateway.require(read, 200).body());
            } while (!Set.of("SUCCEEDED", "FAILED").contains(job.path("state").asText()));
            if (!job.path("state").asText().equals("SUCCEEDED")) {
                throw new IllegalStateException("the training failed: " + job);
            }
            long learned = job.path("interactions").asLong();
            // Every like consumed once two trainings in a row learned from the same number of pairs.
            if (learned == last) {
                return learned;
            }
            last = learned;
            Thread.sleep(2000);
        }
        throw new IllegalStateException("the trainings kept finding new pairs for 10 minutes");
    }
}
