package org.vsekai.backpack.gateway.interaction;

import java.util.Map;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.kit.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Per-route body limits of the interaction endpoints. {@code quarkus.http.limits.max-body-size} is one limit for
 * every route, so it is set to the largest (the batch) and this route refuses a declared Content-Length above the
 * route's own limit before any byte is read, as a problem. Bodies without a Content-Length (chunked) are
 * measured after reading by {@link ActivityReader}.
 */
@ApplicationScoped
public class InteractionBodyLimits {

    /** Just before Quarkus' own global check, which answers 413 without a body. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private final Map<String, Long> limitsByPath;
    private final ObjectMapper mapper;

    public InteractionBodyLimits(GatewayConfig config, ObjectMapper mapper) {
        this.limitsByPath = Map.of(
                InteractionResource.SINGLE_PATH, config.limits().maxActivityBody().asLongValue(),
                InteractionResource.BATCH_PATH, config.limits().maxBatchBody().asLongValue());
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::refuseDeclaredOversize);
    }

    static ProblemException tooLarge(long limit) {
        return new ProblemException(Problem.ofType("body-too-large", 413, "Content Too Large",
                "The body of this request may hold at most " + limit + " bytes"));
    }

    private void refuseDeclaredOversize(RoutingContext context) {
        Long limit = limitsByPath.get(context.normalizedPath());
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (limit == null || declared == null || parseLength(declared) <= limit) {
            context.next();
            return;
        }
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
