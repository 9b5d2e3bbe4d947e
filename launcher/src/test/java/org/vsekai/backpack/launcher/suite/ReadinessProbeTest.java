package org.vsekai.backpack.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class ReadinessProbeTest {

    private final ReadinessProbe probe = new ReadinessProbe(Duration.ofMillis(20));
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void waitsThroughServiceUnavailableUntilReady() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        URI url = serve(() -> calls.incrementAndGet() <= 3 ? 503 : 200);

        Readiness readiness = probe.await(url, () -> true, Duration.ofSeconds(10));

        assertThat(readiness).isInstanceOf(Readiness.Ready.class);
        assertThat(calls).hasValue(4);
    }

    @Test
    void givesUpAfterTheTimeoutAndSaysWhatItLastSaw() throws Exception {
        URI url = serve(() -> 503);

        Readiness readiness = probe.await(url, () -> true, Duration.ofMillis(300));

        assertThat(readiness).isInstanceOfSatisfying(Readiness.TimedOut.class, timedOut -> {
            assertThat(timedOut.lastAnswer()).isEqualTo("HTTP 503");
            assertThat(timedOut.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        });
    }

    @Test
    void reportsARefusedConnectionWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Readiness readiness = probe.await(URI.create("http://localhost:" + port + "/q/health/ready"), () -> true,
                Duration.ofMillis(200));

        assertThat(readiness).isInstanceOfSatisfying(Readiness.TimedOut.class,
                timedOut -> assertThat(timedOut.lastAnswer()).isEqualTo("connection refused"));
    }

    @Test
    void stopsAtOnceWhenTheProcessHasDied() throws Exception {
        URI url = serve(() -> 503);
        AtomicInteger livenessChecks = new AtomicInteger();

        Readiness readiness = probe.await(url, () -> livenessChecks.incrementAndGet() < 3, Duration.ofSeconds(30));

        assertThat(readiness).isInstanceOf(Readiness.Died.class);
        assertThat(readiness).isInstanceOfSatisfying(Readiness.Died.class,
                died -> assertThat(died.waited()).isLessThan(Duration.ofSeconds(30)));
    }

    @Test
    void statusAnswersTheCodeOrMinusOne() throws Exception {
        URI url = serve(() -> 404);

        assertThat(probe.status(url)).isEqualTo(404);
        server.stop(0);
        server = null;
        assertThat(probe.status(url)).isEqualTo(-1);
    }

    private URI serve(java.util.function.IntSupplier status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/q/health/ready");
    }
}
