package org.vsekai.backpack.launcher.suite;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a service's readiness endpoint ({@code /q/health/ready}) until it answers 200, the process dies, or time
 * runs out.
 */
public final class ReadinessProbe {

    public static final String READY_PATH = "/q/health/ready";

    private final HttpClient client;
    private final Duration interval;

    public ReadinessProbe(Duration interval) {
        this.interval = interval;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public static ReadinessProbe standard() {
        return new ReadinessProbe(Duration.ofMillis(200));
    }

    /**
     * Waits for {@code url} to answer 200. {@code alive} is asked before every attempt so a crashed process is
     * reported at once instead of after the whole timeout.
     */
    public Readiness await(URI url, BooleanSupplier alive, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
        String lastAnswer = "no answer yet";
        while (true) {
            if (!alive.getAsBoolean()) {
                return new Readiness.Died(since(start));
            }
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return new Readiness.Ready(since(start));
                }
                lastAnswer = "HTTP " + status;
            } catch (ConnectException e) {
                lastAnswer = "connection refused";
            } catch (HttpTimeoutException e) {
                lastAnswer = "no answer within 2 s";
            } catch (IOException e) {
                lastAnswer = e.toString();
            }
            if (System.nanoTime() - deadline >= 0) {
                return new Readiness.TimedOut(since(start), lastAnswer);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** One GET; the status code, or -1 when nothing answered. For the endpoint overview, not for waiting. */
    public int status(URI url) {
        try {
            return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
