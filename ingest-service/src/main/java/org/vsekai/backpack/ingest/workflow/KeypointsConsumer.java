package org.vsekai.backpack.ingest.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.ingest.frame.FrameFinding;
import org.vsekai.backpack.ingest.pose.AvatarPosePublisher;
import org.vsekai.backpack.ingest.pose.PoseRecorder;
import org.vsekai.backpack.ingest.pose.PoseRow;
import org.vsekai.backpack.ingest.pose.PoseSearchIndex;
import org.vsekai.backpack.ingest.sql.Times;

import io.smallrye.mutiny.Uni;

/**
 * The vision-service's {@code keypoints}: a pose model's bodies in one frame. Like detections, they mark the frame
 * analysed and show in the scene's frames (how many poses), once per event id; in the same transaction each body
 * becomes a pose row, and the frame's instant a 3D pose when other cameras saw it ({@link PoseRecorder});
 * acknowledged after the write commits, and then sent to the live avatar stream ({@link AvatarPosePublisher}). An event without a frame, or one that keeps failing, goes to {@code keypoints.dlq}.
 */
@ApplicationScoped
public class KeypointsConsumer {

    private static final Logger LOG = Logger.getLogger(KeypointsConsumer.class);

    private final SceneProgress progress;
    private final PoseRecorder poses;
    private final PoseSearchIndex index;
    private final AvatarPosePublisher stream;

    public KeypointsConsumer(SceneProgress progress, PoseRecorder poses, PoseSearchIndex index,
                             AvatarPosePublisher stream) {
        this.progress = progress;
        this.poses = poses;
        this.index = index;
        this.stream = stream;
    }

    @Incoming(Topics.KEYPOINTS_NAME)
    public Uni<Void> consume(Keypoints keypoints) {
        if (keypoints == null) {
            return Uni.createFrom().voidItem();
        }
        if (keypoints.eventId() == null || keypoints.frameId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("keypoints event "
                    + keypoints.eventId() + " names no frame"));
        }
        Instant now = Times.now();
        // The rows of the attempt that committed (a retried transaction records them again).
        AtomicReference<List<PoseRow>> written = new AtomicReference<>(List.of());
        return progress.frameAnalysed(Topics.KEYPOINTS_NAME, FrameFinding.of(keypoints, now),
                        transaction -> poses.record(transaction, keypoints, now).invoke(written::set))
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(5)
                .onFailure().invoke(failure -> LOG.errorf(failure, "Keypoints event %s of frame %s failed; it goes "
                        + "to %s", keypoints.eventId(), keypoints.frameId(), Topics.KEYPOINTS.deadLetterTopic()))
                .invoke(state -> {
                    if (state != null) {
                        LOG.infof("Frame %s of scene %s: %d poses (%s); scene is %s", keypoints.frameId(),
                                keypoints.sceneId(), keypoints.sets() == null ? 0 : keypoints.sets().size(),
                                keypoints.model(), state);
                    }
                })
                // Searchable at once here (other instances read them at their next refresh), and live on the stream.
                .invoke(state -> {
                    if (state != null) {
                        index.addWritten(written.get());
                        stream.publish(keypoints, written.get());
                    }
                })
                .replaceWithVoid();
    }
}
