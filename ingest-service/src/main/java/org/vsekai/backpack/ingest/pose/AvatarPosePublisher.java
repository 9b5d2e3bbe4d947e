package org.vsekai.backpack.ingest.pose;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.pose.AvatarPoses;
import org.vsekai.backpack.contracts.vision.Keypoints;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Tells the live avatar stream ({@code avatar-poses}, keyed by scene) about the poses a keypoints event wrote, after
 * they committed. Sent straight to the broker, not through the outbox: the rows are the record, and a live pose
 * that could not be sent is stale by the time a retry would deliver it, so a failure is logged and counted, and the
 * stream's readers take the next one. A repeated event wrote nothing and sends nothing.
 */
@ApplicationScoped
public class AvatarPosePublisher {

    private static final Logger LOG = Logger.getLogger(AvatarPosePublisher.class);

    private final MutinyEmitter<Record<String, AvatarPoses>> emitter;
    private final PoseViews views;
    private final Counter sent;
    private final Counter failed;

    public AvatarPosePublisher(@Channel(Topics.AVATAR_POSES_NAME) MutinyEmitter<Record<String, AvatarPoses>> emitter,
                               PoseViews views, MeterRegistry registry) {
        this.emitter = emitter;
        this.views = views;
        this.sent = Counter.builder("backpack.ingest.avatar.poses").tag("outcome", "sent").register(registry);
        this.failed = Counter.builder("backpack.ingest.avatar.poses").tag("outcome", "failed").register(registry);
    }

    /** Sends the poses {@code keypoints} wrote (none: nothing is sent). */
    public void publish(Keypoints keypoints, List<PoseRow> written) {
        if (written.isEmpty()) {
            return;
        }
        // The frame's time (a planar row's); the stored row's when an older producer sent none.
        Instant capturedAt = keypoints.capturedAt() != null ? keypoints.capturedAt() : written.get(0).capturedAt();
        AvatarPoses poses = new AvatarPoses(AvatarPoses.CURRENT_VERSION, eventIdOf(keypoints), keypoints.sceneId(),
                keypoints.frameId(), capturedAt, written.stream().map(views::of).toList());
        emitter.send(Record.of(keypoints.sceneId().toString(), poses)).subscribe().with(
                done -> sent.increment(),
                failure -> {
                    failed.increment();
                    LOG.warnf(failure, "The live poses of frame %s (scene %s) were not sent; they are stored",
                            keypoints.frameId(), keypoints.sceneId());
                });
    }

    /** One id per keypoints event, so a reader can tell a repeat from news. */
    static UUID eventIdOf(Keypoints keypoints) {
        return UUID.nameUUIDFromBytes(("avatar-poses:" + keypoints.eventId()).getBytes(StandardCharsets.UTF_8));
    }
}
