package org.vsekai.backpack.vision.frame;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Takes each {@code camera-frames} record: an invalid frame is nacked, which sends it to {@code camera-frames.dlq}
 * with the reason in the {@code dead-letter-reason} header; a valid one is counted.
 */
@ApplicationScoped
@Startup // registers the counters at start, so they are scraped as 0 before the first frame instead of missing
public class CameraFrameConsumer {

    private static final Logger LOG = Logger.getLogger(CameraFrameConsumer.class);

    private final FrameRules rules;
    private final Counter received;
    private final Counter rejected;

    public CameraFrameConsumer(FrameRules rules, MeterRegistry registry) {
        this.rules = rules;
        this.received = Counter.builder("backpack.vision.frames.received")
                .description("Valid camera frames taken from camera-frames")
                .register(registry);
        this.rejected = Counter.builder("backpack.vision.frames.rejected")
                .description("Camera frames sent to camera-frames.dlq because they cannot be processed")
                .register(registry);
    }

    @Incoming(Topics.CAMERA_FRAMES_NAME)
    public Uni<Void> receive(CameraFrame frame) {
        if (frame == null) {
            return Uni.createFrom().voidItem(); // a tombstone: no frame to look at
        }
        Optional<String> problem = rules.problemWith(frame);
        if (problem.isPresent()) {
            rejected.increment();
            LOG.warnf("Camera frame rejected to the dead-letter topic: %s", problem.get());
            return Uni.createFrom().failure(new InvalidFrameException(problem.get()));
        }
        received.increment();
        // Detection is the next issue: run the ONNX model on the frame's blob and publish the result with
        // DetectionPublisher. Until then a valid frame is only counted and logged.
        LOG.infof("Camera frame %s of scene %s (%s, %dx%d) received", frame.frameId(), frame.sceneId(),
                frame.camera(), frame.width(), frame.height());
        return Uni.createFrom().voidItem();
    }
}
