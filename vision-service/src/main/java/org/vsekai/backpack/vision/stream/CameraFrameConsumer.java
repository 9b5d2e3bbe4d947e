package org.vsekai.backpack.vision.stream;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.metrics.VisionMetrics;
import org.vsekai.backpack.vision.model.ModelRegistry;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Takes each {@code camera-frames} record. An invalid frame is nacked at once, which sends it to
 * {@code camera-frames.dlq} with the reason in the {@code dead-letter-reason} header; a valid one goes into the
 * {@link FrameQueue}, and is acknowledged (its offset then committed) only once the broker has acknowledged its
 * results, or when sampling skips it. The method completes when the frame is admitted, so a full queue holds the
 * consumer back.
 */
@ApplicationScoped
@Startup // registers the counters at start, so they are scraped as 0 before the first frame instead of missing
public class CameraFrameConsumer {

    private static final Logger LOG = Logger.getLogger(CameraFrameConsumer.class);

    private final FrameRules rules;
    private final ModelRegistry registry;
    private final FrameQueue queue;
    private final ConsumerLag lag;
    private final VisionMetrics metrics;

    public CameraFrameConsumer(VisionConfig config, ModelRegistry registry, FrameQueue queue, ConsumerLag lag,
                               VisionMetrics metrics) {
        this.rules = new FrameRules(config.limits().maxDimension());
        this.registry = registry;
        this.queue = queue;
        this.lag = lag;
        this.metrics = metrics;
    }

    @Incoming(Topics.CAMERA_FRAMES_NAME)
    public Uni<Void> receive(Message<CameraFrame> message) {
        lag.admitted(message);
        CameraFrame frame = message.getPayload();
        if (frame == null) {
            return Uni.createFrom().completionStage(message.ack()); // a tombstone: no frame to look at
        }
        Optional<String> problem = rules.problemWith(frame);
        if (problem.isPresent()) {
            metrics.rejected();
            LOG.warnf("Camera frame rejected to the dead-letter topic: %s", problem.get());
            return Uni.createFrom().completionStage(message.nack(new InvalidFrameException(problem.get())));
        }
        metrics.received();
        if (registry.streamModels().isEmpty()) {
            LOG.debugf("Camera frame %s of scene %s: no stream model is configured", frame.frameId(),
                    frame.sceneId());
            return Uni.createFrom().completionStage(message.ack());
        }
        return queue.offer(new PendingFrame(frame, message));
    }
}
