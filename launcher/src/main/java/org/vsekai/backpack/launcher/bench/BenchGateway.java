package org.vsekai.backpack.launcher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.vsekai.backpack.launcher.suite.Suite;
import org.vsekai.backpack.launcher.token.LocalTokens;

/** A benchmark's calls to the gateway of the suite it started, with tokens as {@code ./backpack token} signs them. */
final class BenchGateway {

    private final Suite suite;
    private final LocalTokens tokens;
    private final HttpClient http;

    BenchGateway(Suite suite, HttpClient http) {
        this.suite = suite;
        this.tokens = new LocalTokens(suite.keys());
        this.http = http;
    }

    HttpResponse<String> post(String path, String type, String token, byte[] body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", type).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token of an hour for {@code user}, with the admin role when {@code admin}. */
    String token(String user, boolean admin) {
        return tokens.sign(user, admin, Duration.ofHours(1), Instant.now());
    }

    /** {@code answer} itself, or an exception naming the call when its status is not {@code status}. */
    static HttpResponse<String> require(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().uri() + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer;
    }
}
