package org.vsekai.backpack.gateway.limits;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.kit.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Per-route body limits of the public API. {@code quarkus.http.limits.max-body-size} is one limit for every route,
 * so it is set to the largest, and this route refuses a declared Content-Length above the route's own limit before
 * any byte is read, as a problem. A body without a Content-Length (chunked) is read here, up to the route's limit,
 * and one that grows past it is refused as a problem too (Quarkus' own check would answer a bare 413); the resource
 * then gets the body already read. Resources still check what they read ({@link #requireAtMost}).
 */
@ApplicationScoped
public class BodyLimits {

    /** Just before Quarkus' own global check, which answers 413 without a body. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    /** {@code streamed}: the resource reads the body as it arrives and holds it to the limit itself. */
    private record Rule(HttpMethod method, Pattern path, long limit, boolean streamed) {

        Rule(HttpMethod method, Pattern path, long limit) {
            this(method, path, limit, false);
        }
    }

    private final List<Rule> rules;
    private final long otherApiLimit;
    private final ObjectMapper mapper;
    /** One reader per distinct limit; a handler keeps no state of its own between requests. */
    private final Map<Long, BodyHandler> bodyReaders = new ConcurrentHashMap<>();

    public BodyLimits(GatewayConfig config, ObjectMapper mapper) {
        GatewayConfig.Limits limits = config.limits();
        this.rules = List.of(
                new Rule(HttpMethod.POST, Pattern.compile("/api/v1/interactions"),
                        limits.maxActivityBody().asLongValue()),
                new Rule(HttpMethod.POST, Pattern.compile("/api/v1/interactions:batch"),
                        limits.maxBatchBody().asLongValue()),
                new Rule(HttpMethod.POST, Pattern.compile("/api/v1/recommendations"),
                        limits.maxSessionBody().asLongValue()),
                new Rule(HttpMethod.POST, Pattern.compile("/api/v1/infer/[^/]+"),
                        limits.maxImageBody().asLongValue()),
                new Rule(HttpMethod.POST, Pattern.compile("/api/v1/audio/(segments|transcriptions|speech-to-speech)"),
                        limits.maxAudioBody().asLongValue()),
                new Rule(HttpMethod.POST, Pattern.compile("/api/v1/(embeddings|audio/speech|generate)"),
                        limits.maxTextBody().asLongValue()),
                new Rule(HttpMethod.PUT, Pattern.compile("/api/v1/items/[^/]+/metadata"),
                        limits.maxMetadataBody().asLongValue()),
                new Rule(HttpMethod.POST, Pattern.compile("/api/v1/jsonld/[^/]+"),
                        limits.maxJsonLdBody().asLongValue()),
                new Rule(HttpMethod.POST, Pattern.compile("/api/v1/scenes"), limits.maxSceneBody().asLongValue(),
                        true),
                new Rule(HttpMethod.POST, Pattern.compile("/api/v1/scenes/[^/]+/cameras/[^/]+/frames"),
                        limits.maxFrameBody().asLongValue(), true),
                new Rule(HttpMethod.POST, Pattern.compile("/api/v1/admin/import"),
                        limits.maxImportBody().asLongValue(), true));
        this.otherApiLimit = limits.maxOtherBody().asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::refuseOversize);
        router.route().order(ORDER).failureHandler(this::answerOversizeStream);
    }

    /** Checks the size actually read, for bodies that came without a Content-Length. */
    public static void requireAtMost(byte[] body, long limit) {
        if (body.length > limit) {
            throw tooLarge(limit);
        }
    }

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(Problem.ofType("body-too-large", 413, "Content Too Large",
                "The body of this request may hold at most " + limit + " bytes"));
    }

    /** The limit of a request's body, or -1 outside the public API (the global limit applies there). */
    long limitOf(HttpMethod method, String path) {
        Rule rule = ruleOf(method, path);
        return rule == null ? (path == null || !path.startsWith("/api/") ? -1 : otherApiLimit) : rule.limit();
    }

    private Rule ruleOf(HttpMethod method, String path) {
        if (path == null || !path.startsWith("/api/")) {
            return null;
        }
        for (Rule rule : rules) {
            if (rule.method().equals(method) && rule.path().matcher(path).matches()) {
                return rule;
            }
        }
        return null;
    }

    private void refuseOversize(RoutingContext context) {
        long limit = limitOf(context.request().method(), context.normalizedPath());
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        Rule rule = ruleOf(context.request().method(), context.normalizedPath());
        boolean streamed = rule != null && rule.streamed();
        // Not over HTTP/2: there a request without Content-Length may be bodiless (END_STREAM on its headers), and
        // once Vert.x's body handler has read it to its end, RESTEasy Reactive's pause() of the ended stream fails
        // the request (500). Its body, if any, is held to the global limit and to the resource's own checks.
        if (limit >= 0 && declared == null && mayHaveBody(context.request().method()) && !streamed
                && context.request().version() != HttpVersion.HTTP_2) {
            // Vert.x's body handler reads it, failing the request with 413 past the limit (answerOversizeStream).
            bodyReaders.computeIfAbsent(limit, max -> BodyHandler.create(false).setBodyLimit(max)).handle(context);
            return;
        }
        if (limit < 0 || declared == null || parseLength(declared) <= limit) {
            context.next();
            return;
        }
        answerTooLarge(context, limit);
    }

    private void answerOversizeStream(RoutingContext context) {
        if (context.response().ended() && context.failure() instanceof HttpClosedException) {
            return; // the connection closed after a 413 answered here, while the rest of the body was on its way
        }
        long limit = limitOf(context.request().method(), context.normalizedPath());
        if (context.statusCode() != 413 || limit < 0 || context.response().headWritten()) {
            context.next();
            return;
        }
        answerTooLarge(context, limit);
    }

    private static boolean mayHaveBody(HttpMethod method) {
        return HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method);
    }

    private void answerTooLarge(RoutingContext context, long limit) {
        Problem problem = tooLarge(limit).problem().withInstance(context.normalizedPath());
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            context.fail(e);
            return;
        }
        // The unread body would otherwise be parsed as the next request: answer, then close, as Quarkus does.
        context.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ignored -> context.request().connection().close())
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses a malformed length itself
        }
    }
}
