package org.vsekai.backpack.gateway.avatar;

import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.vsekai.backpack.gateway.security.CallerFilter;
import org.vsekai.backpack.kit.identity.Caller;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.jwt.auth.principal.JWTParser;

/**
 * {@code GET /api/v1/scenes/{id}/avatar-stream}: the live poses of a scene, one JSON message per keypoints event
 * ({@code {"type": "poses", "sequence", "sceneId", "frameId", "capturedAt", "poses": [...]}}, each pose as
 * {@code GET /api/v1/scenes/{id}/poses} gives it: 3D with joint rotations, 2D with bone angles), a
 * {@code {"type": "heartbeat"}} after {@code heartbeat} without one, and WebSocket pings. {@link AvatarStreamAdmission}
 * has checked token, limits and access before the handshake reaches this endpoint; what a client sends is ignored.
 */
@WebSocket(path = AvatarStreamEndpoint.PATH)
public class AvatarStreamEndpoint {

    public static final String PATH = "/api/v1/scenes/{id}/avatar-stream";
    /** The same path as a Vert.x route. */
    static final String ROUTE = "/api/v1/scenes/:id/avatar-stream";

    private static final Logger LOG = Logger.getLogger(AvatarStreamEndpoint.class);

    private final AvatarStreamHub hub;
    private final JWTParser tokens;

    public AvatarStreamEndpoint(AvatarStreamHub hub, JWTParser tokens) {
        this.hub = hub;
        this.tokens = tokens;
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection) {
        HandshakeRequest handshake = connection.handshakeRequest();
        UUID sceneId = AvatarStreamAdmission.sceneId(connection.pathParam("id"));
        try {
            // Verified again (from the cache, by its hash): the handshake carries no result of the admission.
            JsonWebToken token = tokens.parse(StreamToken.of(handshake.header(HttpHeaders.AUTHORIZATION),
                    handshake.headers("Sec-WebSocket-Protocol"), handshake.query()));
            Caller caller = CallerFilter.callerOf(token);
            Instant expiresAt = token.getExpirationTime() > 0 ? Instant.ofEpochSecond(token.getExpirationTime())
                    : null;
            if (sceneId != null && hub.join(connection, sceneId, caller.userId(), expiresAt)) {
                LOG.debugf("Avatar stream %s of scene %s opened for %s", connection.id(), sceneId, caller.userId());
            }
        } catch (Exception e) {
            LOG.debugf(e, "Avatar stream %s refused after its handshake", connection.id());
            connection.close(new CloseReason(AvatarStreamHub.TOKEN_EXPIRED, "the token is not valid"))
                    .subscribe().with(done -> { }, failure -> { });
        }
    }

    /** Clients have nothing to say on this stream; a message is read and let go. */
    @OnTextMessage
    @NonBlocking
    public void ignore(String message) {
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        hub.leave(connection);
    }
}
