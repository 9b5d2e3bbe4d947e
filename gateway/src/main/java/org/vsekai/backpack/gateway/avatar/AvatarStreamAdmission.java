package org.vsekai.backpack.gateway.avatar;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimitFilter;
import org.vsekai.backpack.gateway.limits.RateLimiter;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.Access;
import org.vsekai.backpack.gateway.security.CallerFilter;
import org.vsekai.backpack.gateway.upload.IngestClient;
import org.vsekai.backpack.kit.identity.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The checks of {@code GET /api/v1/scenes/{id}/avatar-stream} before its WebSocket handshake, so that each refusal is
 * an HTTP problem (RFC 9457) a client can read, not a closed socket: a valid bearer token (401), the read rate limit
 * and the stream limits (429, 503), a scene the caller may read, as the ingest-service decides (403, 404), and a
 * WebSocket handshake at all (426). Only then does the request reach {@link AvatarStreamEndpoint}.
 */
@ApplicationScoped
public class AvatarStreamAdmission {

    private static final Logger LOG = Logger.getLogger(AvatarStreamAdmission.class);

    /** After the forwarded-identity headers are stripped, before any route. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private final JWTParser tokens;
    private final RateLimiter limiter;
    private final AvatarStreamHub hub;
    private final IngestClient ingest;

    public AvatarStreamAdmission(JWTParser tokens, RateLimiter limiter, AvatarStreamHub hub,
                                 @RestClient IngestClient ingest) {
        this.tokens = tokens;
        this.limiter = limiter;
        this.hub = hub;
        this.ingest = ingest;
    }

    void install(@Observes Router router) {
        router.route(AvatarStreamEndpoint.ROUTE).order(ORDER).handler(this::admit);
    }

    void admit(RoutingContext context) {
        HttpServerRequest request = context.request();
        Caller caller;
        try {
            caller = callerOf(request);
        } catch (ParseException | RuntimeException e) {
            LOG.debugf(e, "Avatar stream token refused on %s", request.path());
            refuse(context, Access.unauthorized("The bearer token is not valid"), "Bearer error=\"invalid_token\"");
            return;
        }
        if (caller == null) {
            refuse(context, Access.unauthorized("This stream needs a bearer token: Authorization: Bearer <jwt>, "
                    + "Sec-WebSocket-Protocol: " + StreamToken.SUBPROTOCOL + ", <jwt>, or ?"
                    + StreamToken.QUERY_PARAMETER + "=<jwt>"), "Bearer");
            return;
        }
        RateLimiter.Decision decision = limiter.acquire(RateClass.READ, "user:" + caller.userId());
        if (!decision.allowed()) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            refuse(context, RateLimitFilter.refused(true, RateClass.READ, decision), null);
            return;
        }
        UUID sceneId = sceneId(context.pathParam("id"));
        if (sceneId == null) {
            refuse(context, Problem.ofType("scene-not-found", 404, "No such scene",
                    "Scene ids are UUIDs; there is no scene " + context.pathParam("id")), null);
            return;
        }
        Optional<String> full = hub.refusal(caller.userId());
        if (full.isPresent()) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, "10");
            refuse(context, full.get().startsWith("this user")
                    ? Problem.ofType("too-many-streams", 429, "Too Many Streams", full.get())
                    : Problem.ofType("streams-full", 503, "Service Unavailable", full.get()), null);
            return;
        }
        if (!isHandshake(request)) {
            context.response().putHeader("Upgrade", "websocket");
            refuse(context, Problem.ofType("websocket-required", 426, "Upgrade Required",
                    "The avatar stream is a WebSocket: send a WebSocket handshake (Upgrade: websocket)"), null);
            return;
        }
        ingest.sceneAccess(sceneId.toString(), caller.userHeader(), caller.rolesHeader()).subscribe().with(
                allowed -> context.next(),
                failure -> refuse(context, Peers.asProblem(IngestClient.PEER, failure).problem(), null));
    }

    private Caller callerOf(HttpServerRequest request) throws ParseException {
        String token = StreamToken.of(request.getHeader(HttpHeaders.AUTHORIZATION),
                request.headers().getAll("Sec-WebSocket-Protocol"), request.query());
        if (token == null) {
            return null;
        }
        JsonWebToken verified = tokens.parse(token);
        return CallerFilter.callerOf(verified);
    }

    private static boolean isHandshake(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket")
                && request.getHeader("Sec-WebSocket-Key") != null;
    }

    static UUID sceneId(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void refuse(RoutingContext context, Problem problem, String wwwAuthenticate) {
        if (context.response().ended()) {
            return;
        }
        if (wwwAuthenticate != null) {
            context.response().putHeader(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate);
        }
        String body;
        try {
            body = EventJson.mapper().writeValueAsString(problem.withInstance(context.request().path()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
