package org.vsekai.backpack.ingest.workflow;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.ingest.frame.FrameFinding;
import org.vsekai.backpack.ingest.sql.Times;

import io.smallrye.mutiny.Uni;

/**
 * The vision-service's {@code keypoints}: a pose model's bodies in one frame. Like detections, they mark the frame
 * analysed and show in the scene's frames (how many poses), once per event id; acknowledged after the write
 * commits. An event without a frame, or one that keeps failing, goes to {@code keypoints.dlq}.
 */
@ApplicationScoped
public class KeypointsConsumer {

    private static final Logger LOG = Logger.getLogger(KeypointsConsumer.class);

    private final SceneProgress progress;

    public KeypointsConsumer(SceneProgress progress) {
        this.progress = progress;
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
        return progress.frameAnalysed(Topics.KEYPOINTS_NAME, FrameFinding.of(keypoints, Times.now()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(5)
                .invoke(state -> {
                    if (state != null) {
                        LOG.infof("Frame %s of scene %s: %d poses (%s); scene is %s", keypoints.frameId(),
                                keypoints.sceneId(), keypoints.sets() == null ? 0 : keypoints.sets().size(),
                                keypoints.model(), state);
                    }
                })
                .replaceWithVoid();
    }
}
