package org.vsekai.backpack.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The load generator against a small HTTP server of the JDK: it counts each status, keeps 429s apart from errors,
 * reads fixed-length and chunked answers alike on kept-alive connections, and sends each request's own headers.
 */
class ClosedLoopLoadTest {

    private HttpServer server;
    private final Set<String> tokensSeen = ConcurrentHashMap.newKeySet();

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
        tokensSeen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
        int status = path.startsWith("/limited") ? 429 : path.startsWith("/broken") ? 503 : 200;
        // 0 is chunked encoding for the JDK's server.
        exchange.sendResponseHeaders(status, path.contains("chunked") ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private URI target() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static ClosedLoopLoad.Request get(String path, String token) {
        return new ClosedLoopLoad.Request(path, Map.of("Authorization", token));
    }

    @Test
    void countsSuccessesRateLimitsAndErrorsApart() throws InterruptedException {
        ClosedLoopLoad load = new ClosedLoopLoad(target(), List.of(get("/ok", "a"), get("/limited", "b"),
                get("/ok-chunked", "c"), get("/broken", "d")));

        ClosedLoopLoad.Result result = load.run(2, Duration.ofMillis(200), Duration.ofMillis(800));

        assertThat(result.count(200)).isPositive();
        assertThat(result.count(429)).isPositive();
        assertThat(result.count(503)).isPositive();
        assertThat(result.failures()).isZero();
        assertThat(result.successes()).isEqualTo(result.count(200));
        assertThat(result.errors()).isEqualTo(result.count(503));
        assertThat(result.answered()).isEqualTo(result.count(200) + result.count(429) + result.count(503));
        assertThat(tokensSeen).contains("a", "b", "c", "d");
    }

    @Test
    void quantilesComeFromTheSortedLatencies() throws InterruptedException {
        ClosedLoopLoad load = new ClosedLoopLoad(target(), List.of(get("/ok", "a")));

        ClosedLoopLoad.Result result = load.run(1, Duration.ofMillis(100), Duration.ofMillis(500));

        assertThat(result.nanos()).isSorted();
        assertThat(result.millisAt(0.5)).isPositive().isLessThanOrEqualTo(result.millisAt(0.99));
        assertThat(result.millisAt(0.99)).isLessThanOrEqualTo(result.millisAt(0.999));
        assertThat(result.millisAt(1.0)).isEqualTo(result.nanos()[result.nanos().length - 1] / 1e6);
    }

    @Test
    void aServerThatIsNotThereIsCountedAsFailures() throws InterruptedException {
        server.stop(0);
        ClosedLoopLoad load = new ClosedLoopLoad(target(), List.of(get("/ok", "a")));

        ClosedLoopLoad.Result result = load.run(1, Duration.ZERO, Duration.ofMillis(200));

        assertThat(result.answered()).isZero();
        assertThat(result.failures()).isPositive();
        assertThat(result.errors()).isEqualTo(result.failures());
        assertThat(result.millisAt(0.5)).isNaN();
    }
}
