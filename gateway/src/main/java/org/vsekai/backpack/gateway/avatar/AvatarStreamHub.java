package org.vsekai.backpack.gateway.avatar;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.pose.AvatarPoses;
import org.vsekai.backpack.gateway.config.GatewayConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * Who follows which scene on this gateway, and the fan-out of each scene's poses to them. Every gateway reads every
 * {@code avatar-poses} record (a consumer group of its own, from the end), so a client is served by whichever gateway
 * it reached. Each message is written once and offered to each follower through its own {@link DropOldest}: a burst
 * reaches a client that keeps up whole, a slow one loses the oldest of what waits for it (at most
 * {@code client-buffer} messages) and gets the newest. The newest message of each scene is kept (up to
 * {@code newest-scenes}), so a client that connects or reconnects starts from it. A stream ends when its token
 * expires (close code 1008): a client reconnects with a fresh token.
 */
@ApplicationScoped
public class AvatarStreamHub {

    private static final Logger LOG = Logger.getLogger(AvatarStreamHub.class);

    /** Close code for a stream whose token expired: a policy violation (RFC 6455 §7.4.1). */
    public static final int TOKEN_EXPIRED = 1008;
    static final int TRY_AGAIN_LATER = 1013;

    /** What a follower's stream stands at, for operations and tests. */
    public record Follower(String connectionId, UUID sceneId, String userId, DropOldest.Counts counts) {
    }

    /** The newest message of a scene and its number on this gateway. */
    private record Newest(long sequence, String message) {
    }

    private final class Viewer {
        final WebSocketConnection connection;
        final UUID sceneId;
        final String userId;
        final DropOldest sender;
        volatile long lastOfferedNanos;
        long expiryTimer = -1;

        Viewer(WebSocketConnection connection, UUID sceneId, String userId) {
            this.connection = connection;
            this.sceneId = sceneId;
            this.userId = userId;
            this.sender = new DropOldest(config.clientBuffer(), connection::sendText);
            this.lastOfferedNanos = System.nanoTime();
        }

        void offer(String message) {
            lastOfferedNanos = System.nanoTime();
            sender.offer(message);
        }
    }

    private final Vertx vertx;
    private final Clock clock;
    private final GatewayConfig.AvatarStream config;
    private final Map<UUID, Set<Viewer>> byScene = new ConcurrentHashMap<>();
    private final Map<String, Viewer> byConnection = new ConcurrentHashMap<>();
    /** Open streams per user; counted inside compute so that a count and its removal never race. */
    private final Map<String, Integer> perUser = new ConcurrentHashMap<>();
    private final Cache<UUID, Newest> newest;
    private final AtomicLong closedSent = new AtomicLong();
    private final AtomicLong closedDropped = new AtomicLong();
    private final AtomicLong closedFailed = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private long heartbeatTimer = -1;

    public AvatarStreamHub(Vertx vertx, Clock clock, GatewayConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.clock = clock;
        this.config = config.avatarStream();
        this.newest = Caffeine.newBuilder().maximumSize(this.config.newestScenes()).build();
        Gauge.builder("backpack.gateway.avatar_stream.streams", byConnection, Map::size)
                .description("Open avatar streams on this gateway").register(registry);
        counter(registry, "sent", hub -> hub.totals().sent());
        counter(registry, "dropped", hub -> hub.totals().dropped());
        counter(registry, "failed", hub -> hub.totals().failed());
        FunctionCounter.builder("backpack.gateway.avatar_stream.published", published, AtomicLong::get)
                .description("avatar-poses records fanned out").register(registry);
    }

    private void counter(MeterRegistry registry, String outcome, ToDoubleFunction<AvatarStreamHub> value) {
        FunctionCounter.builder("backpack.gateway.avatar_stream.messages", this, value).tag("outcome", outcome)
                .description("Messages offered to stream clients, by what became of them").register(registry);
    }

    void start(@Observes StartupEvent start) {
        long every = Math.max(1, config.heartbeat().toMillis() / 2);
        heartbeatTimer = vertx.setPeriodic(every, id -> heartbeat());
    }

    @PreDestroy
    void stop() {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
    }

    /** Whether {@code userId} may open one more stream here (checked again when it opens). */
    public Optional<String> refusal(String userId) {
        if (byConnection.size() >= config.maxStreams()) {
            return Optional.of("this gateway holds " + config.maxStreams() + " avatar streams, its limit");
        }
        Integer open = perUser.get(userId);
        if (open != null && open >= config.maxStreamsPerUser()) {
            return Optional.of("this user holds " + config.maxStreamsPerUser() + " avatar streams, the limit");
        }
        return Optional.empty();
    }

    /**
     * Follows {@code sceneId} on {@code connection} until it closes or {@code tokenExpiresAt}; the scene's newest
     * message first, when there is one. False (the connection is closed) when a limit was reached in between.
     */
    public boolean join(WebSocketConnection connection, UUID sceneId, String userId, Instant tokenExpiresAt) {
        int open = perUser.merge(userId, 1, Integer::sum);
        if (open > config.maxStreamsPerUser() || byConnection.size() >= config.maxStreams()) {
            release(userId);
            // 1013, try again later (IANA's close codes): a limit reached between admission and handshake.
            connection.close(new CloseReason(TRY_AGAIN_LATER, "too many avatar streams"))
                    .subscribe().with(done -> { }, failure -> { });
            return false;
        }
        Viewer viewer = new Viewer(connection, sceneId, userId);
        byConnection.put(connection.id(), viewer);
        byScene.computeIfAbsent(sceneId, id -> ConcurrentHashMap.newKeySet()).add(viewer);
        if (tokenExpiresAt != null) {
            long millis = Math.max(1, tokenExpiresAt.toEpochMilli() - clock.millis());
            viewer.expiryTimer = vertx.setTimer(millis, id -> connection.close(
                    new CloseReason(TOKEN_EXPIRED, "the token expired; reconnect with a fresh one"))
                    .subscribe().with(done -> { }, failure -> { }));
        }
        Newest last = newest.getIfPresent(sceneId);
        if (last != null) {
            viewer.offer(last.message());
        }
        return true;
    }

    /** Forgets a closed connection. */
    public void leave(WebSocketConnection connection) {
        Viewer viewer = byConnection.remove(connection.id());
        if (viewer == null) {
            return;
        }
        if (viewer.expiryTimer >= 0) {
            vertx.cancelTimer(viewer.expiryTimer);
        }
        byScene.computeIfPresent(viewer.sceneId, (id, viewers) -> {
            viewers.remove(viewer);
            return viewers.isEmpty() ? null : viewers;
        });
        release(viewer.userId);
        DropOldest.Counts counts = viewer.sender.counts();
        closedSent.addAndGet(counts.sent());
        closedDropped.addAndGet(counts.dropped() + counts.waiting());
        closedFailed.addAndGet(counts.failed());
    }

    private void release(String userId) {
        perUser.computeIfPresent(userId, (id, open) -> open <= 1 ? null : open - 1);
    }

    /** Offers one record's poses to every follower of its scene, and keeps it as the scene's newest. */
    public void publish(AvatarPoses poses) {
        if (poses == null || poses.sceneId() == null) {
            return;
        }
        Newest made = newest.asMap().compute(poses.sceneId(), (id, before) -> {
            long sequence = before == null ? 1 : before.sequence() + 1;
            return new Newest(sequence, message(poses, sequence));
        });
        published.incrementAndGet();
        Set<Viewer> viewers = byScene.get(poses.sceneId());
        if (viewers != null) {
            for (Viewer viewer : viewers) {
                viewer.offer(made.message());
            }
        }
    }

    /** The open streams, for operations and tests. */
    public List<Follower> followers() {
        return byConnection.entrySet().stream().map(e -> new Follower(e.getKey(), e.getValue().sceneId,
                e.getValue().userId, e.getValue().sender.counts())).toList();
    }

    /** avatar-poses records fanned out since start. */
    public long published() {
        return published.get();
    }

    /** Messages sent, dropped and failed over every stream this gateway has held. */
    public DropOldest.Counts totals() {
        long sent = closedSent.get();
        long dropped = closedDropped.get();
        long failed = closedFailed.get();
        long offered = 0;
        for (Viewer viewer : byConnection.values()) {
            DropOldest.Counts counts = viewer.sender.counts();
            sent += counts.sent();
            dropped += counts.dropped();
            failed += counts.failed();
            offered += counts.offered();
        }
        return new DropOldest.Counts(offered, sent, dropped, failed, 0);
    }

    private void heartbeat() {
        // Idleness by the monotonic clock: the gateway's clock is the tokens' (a test may hold it still).
        long now = System.nanoTime();
        long idle = config.heartbeat().toNanos();
        for (Viewer viewer : byConnection.values()) {
            if (now - viewer.lastOfferedNanos >= idle) {
                ObjectNode beat = EventJson.mapper().createObjectNode().put("type", "heartbeat")
                        .put("at", clock.instant().toString())
                        .put("dropped", viewer.sender.counts().dropped());
                if (viewer.sender.offerIfIdle(beat.toString())) {
                    viewer.lastOfferedNanos = now;
                }
            }
        }
    }

    private static String message(AvatarPoses poses, long sequence) {
        ObjectNode message = EventJson.mapper().createObjectNode().put("type", "poses").put("sequence", sequence)
                .put("eventId", poses.eventId() == null ? null : poses.eventId().toString())
                .put("sceneId", poses.sceneId().toString())
                .put("frameId", poses.frameId() == null ? null : poses.frameId().toString())
                .put("capturedAt", poses.capturedAt() == null ? null : poses.capturedAt().toString());
        message.set("poses", EventJson.mapper().valueToTree(poses.poses()));
        try {
            return EventJson.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            LOG.errorf(e, "The poses of scene %s could not be written as JSON", poses.sceneId());
            throw new IllegalStateException(e);
        }
    }
}
