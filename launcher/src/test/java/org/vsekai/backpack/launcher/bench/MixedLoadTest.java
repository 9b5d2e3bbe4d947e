package org.vsekai.backpack.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The soak's open-loop load against a small HTTP server of the JDK: the mix is each kind's weight in every hundred
 * requests, spread out; every due request is sent and answered; a wrong status and a 429 are told apart.
 */
class MixedLoadTest {

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int status = path.startsWith("/limited") ? 429 : path.startsWith("/broken") ? 500 : 200;
        exchange.sendResponseHeaders(status, 2);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("{}".getBytes());
        }
    }

    @Test
    void everyHundredRequestsHoldEachKindByItsWeightSpreadOut() {
        List<MixedLoad.Kind> pattern = MixedLoad.pattern();
        assertThat(pattern).hasSize(100);
        Map<MixedLoad.Kind, Integer> counts = new EnumMap<>(MixedLoad.Kind.class);
        pattern.forEach(kind -> counts.merge(kind, 1, Integer::sum));
        for (MixedLoad.Kind kind : MixedLoad.Kind.values()) {
            assertThat(counts.get(kind)).as(kind.name()).isEqualTo(kind.weight);
        }
        // Spread, not in blocks: the first 20 requests already hold every kind of weight 5 or more.
        assertThat(pattern.subList(0, 20)).contains(MixedLoad.Kind.RECOMMENDATIONS, MixedLoad.Kind.INTERACTION,
                MixedLoad.Kind.SIMILAR, MixedLoad.Kind.METADATA_READ, MixedLoad.Kind.METADATA_WRITE);
        assertThat(MixedLoad.kindOf(100 + 7)).isEqualTo(pattern.get(7));
    }

    @Test
    void everyDueRequestIsSentAndEachAnswerCountedByWhatItIs() throws Exception {
        URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // Of every ten requests: one to a path answering 429, one answering 500, the rest 200.
        MixedLoad load = new MixedLoad(http, 200, n -> {
            String path = n % 10 == 3 ? "/limited" : n % 10 == 7 ? "/broken" : "/fine";
            return new MixedLoad.Call(MixedLoad.kindOf(n), HttpRequest.newBuilder(target.resolve(path + "/" + n))
                    .GET().build(), List.of(200));
        });
        List<MixedLoad.Snapshot> intervals = new ArrayList<>();
        load.run(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(10),
                (elapsed, interval) -> intervals.add(interval));

        assertThat(load.sent()).isEqualTo(400); // 2 s at 200/s
        assertThat(load.inFlight()).isZero();
        long answered = intervals.stream().mapToLong(MixedLoad.Snapshot::answered).sum();
        long errors = intervals.stream().mapToLong(MixedLoad.Snapshot::errors).sum();
        long refused = intervals.stream().mapToLong(MixedLoad.Snapshot::refused).sum();
        assertThat(answered).isEqualTo(400);
        assertThat(refused).isEqualTo(40);
        assertThat(errors).isEqualTo(40);
        long perKind = 0;
        for (MixedLoad.Kind kind : MixedLoad.Kind.values()) {
            perKind += load.ofKind(kind).answered();
        }
        assertThat(perKind).isEqualTo(400);
        assertThat(intervals.size()).isBetween(4, 6);
        Map<Integer, Long> byStatus = new TreeMap<>();
        intervals.forEach(i -> i.errorStatuses().forEach((status, n) -> byStatus.merge(status, n, Long::sum)));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(429, 40L, 500, 40L));
    }

    @Test
    void quantilesAreReadFromTheSortedLatencies() {
        MixedLoad.Tally tally = new MixedLoad.Tally();
        for (int i = 100; i >= 1; i--) {
            tally.answered(i * 1_000_000L, 200, true);
        }
        MixedLoad.Snapshot snapshot = tally.snapshot(true);
        assertThat(snapshot.millisAt(0.5)).isEqualTo(50.0);
        assertThat(snapshot.millisAt(0.99)).isEqualTo(99.0);
        assertThat(snapshot.millisAt(1.0)).isEqualTo(100.0);
        assertThat(tally.snapshot(false).answered()).isZero();
    }
}
