package org.vsekai.backpack.ingest.workflow;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.ingest.frame.FrameFinding;
import org.vsekai.backpack.ingest.sql.Times;

import io.smallrye.mutiny.Uni;

/**
 * The vision-service's {@code detections}: the frame they are about is analysed, which may bring its scene to
 * FRAMES_ANALYSED, and what the model found there (how many, which labels) shows in the scene's frames. Once per
 * event id; acknowledged after the write commits, so the offset is committed only past written events. An event
 * without a frame, or one that keeps failing, goes to {@code detections.dlq}.
 */
@ApplicationScoped
public class DetectionsConsumer {

    private static final Logger LOG = Logger.getLogger(DetectionsConsumer.class);

    private final SceneProgress progress;

    public DetectionsConsumer(SceneProgress progress) {
        this.progress = progress;
    }

    @Incoming(Topics.DETECTIONS_NAME)
    public Uni<Void> consume(Detections detections) {
        if (detections == null) {
            return Uni.createFrom().voidItem();
        }
        if (detections.eventId() == null || detections.frameId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("detections event "
                    + detections.eventId() + " names no frame"));
        }
        return progress.frameAnalysed(Topics.DETECTIONS_NAME, FrameFinding.of(detections, Times.now()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(5)
                .invoke(state -> {
                    if (state != null) {
                        LOG.infof("Frame %s of scene %s analysed (%s): scene is %s", detections.frameId(),
                                detections.sceneId(), detections.model(), state);
                    }
                })
                .replaceWithVoid();
    }
}
