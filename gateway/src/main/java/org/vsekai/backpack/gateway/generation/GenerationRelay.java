package org.vsekai.backpack.gateway.generation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.gateway.security.CurrentCaller;
import org.vsekai.backpack.kit.identity.Caller;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;

/**
 * Calls the vision-service's {@code POST /generate} and hands back its answer with the body unread, to be relayed as
 * it streams. The REST clients read a whole body before they answer, so this is a plain HTTP/1.1 call: the caller's
 * identity and the trace go with it as on every call to a service. Closing the body closes the connection, which is
 * how the service learns that the client went and stops the generation.
 */
@ApplicationScoped
public class GenerationRelay {

    private final HttpClient http;
    private final URI generate;
    private final CurrentCaller caller;
    private final OpenTelemetry telemetry;
    private final Duration firstAnswer;

    public GenerationRelay(@ConfigProperty(name = "quarkus.rest-client.vision.url") String vision,
                           @ConfigProperty(name = "quarkus.rest-client.vision.connect-timeout",
                                   defaultValue = "1000") long connectMillis,
                           CurrentCaller caller, OpenTelemetry telemetry) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(connectMillis)).build();
        this.generate = URI.create(vision.replaceAll("/+$", "") + "/generate");
        this.caller = caller;
        this.telemetry = telemetry;
        // The service answers at once: a problem, or the stream's headers before its first token.
        this.firstAnswer = Duration.ofSeconds(10);
    }

    /** The service's status, headers and body (open: the caller reads and closes it). */
    public HttpResponse<InputStream> open(byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(generate).timeout(firstAnswer)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Caller who = caller.get();
        if (who.authenticated()) {
            request.header(ForwardedIdentity.USER_HEADER, who.userHeader());
            request.header(ForwardedIdentity.ROLES_HEADER, who.rolesHeader());
        }
        telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), request,
                (carrier, name, value) -> carrier.header(name, value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}
