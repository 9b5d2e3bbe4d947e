package org.vsekai.backpack.vision.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.vsekai.backpack.contracts.Event;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.contracts.vision.VisionEventIds;
import org.vsekai.backpack.contracts.vision.VisionJsonLd;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.decode.ImageFindings;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.model.Task;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes what the stream models found in a frame: one {@code detections} record per detection or text model,
 * one {@code keypoints} record per pose model, keyed by scene id (a scene's frames stay in order), with event ids
 * derived from frame and model, and the frame's trace as parent. Completes when the broker acknowledged every record
 * (acks=all); a failed send is retried, and a redelivered record is one consumers de-duplicate by its event id.
 */
@ApplicationScoped
public class FindingsPublisher {

    /** The emitters' own buffer; the frame queue and the batch size bound what is in flight far below it. */
    private static final int BUFFER = 4096;

    private final MutinyEmitter<Detections> detections;
    private final MutinyEmitter<Keypoints> keypoints;
    private final int retries;
    private final Duration backoff;

    public FindingsPublisher(
            @Channel(Topics.DETECTIONS_NAME) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            MutinyEmitter<Detections> detections,
            @Channel(Topics.KEYPOINTS_NAME) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            MutinyEmitter<Keypoints> keypoints,
            VisionConfig config) {
        this.detections = detections;
        this.keypoints = keypoints;
        this.retries = config.stream().publishRetries();
        this.backoff = config.stream().publishBackoff();
    }

    /** Every model's findings of one frame, in the order of the map. */
    public Uni<Void> publish(PendingFrame pending, Map<LoadedModel, ImageFindings> found) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (Map.Entry<LoadedModel, ImageFindings> entry : found.entrySet()) {
            LoadedModel model = entry.getKey();
            if (model.task() == Task.POSE) {
                sends.add(send(keypoints, keypoints(pending.frame(), model, entry.getValue()),
                        pending.frame().sceneId(), pending));
            } else if (model.task() != Task.CLASSIFICATION) {
                sends.add(send(detections, detections(pending.frame(), model, entry.getValue()),
                        pending.frame().sceneId(), pending));
            }
        }
        if (sends.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid()
                .onFailure().retry().withBackOff(backoff).atMost(retries);
    }

    public static Detections detections(CameraFrame frame, LoadedModel model, ImageFindings found) {
        return new Detections(Detections.CURRENT_VERSION,
                VisionEventIds.of(Topics.DETECTIONS_NAME, frame.frameId(), model.name()), frame.sceneId(),
                frame.frameId(), model.name(), model.version(), found.detections(), frame.camera(), frame.width(),
                frame.height(), frame.capturedAt(), VisionJsonLd.CONTEXT);
    }

    public static Keypoints keypoints(CameraFrame frame, LoadedModel model, ImageFindings found) {
        return new Keypoints(Keypoints.CURRENT_VERSION,
                VisionEventIds.of(Topics.KEYPOINTS_NAME, frame.frameId(), model.name()), frame.sceneId(),
                frame.frameId(), model.name(), model.version(), found.people(), frame.camera(), frame.width(),
                frame.height(), frame.capturedAt(), VisionJsonLd.CONTEXT);
    }

    private static <E extends Event> Uni<Void> send(MutinyEmitter<E> emitter, E event, UUID sceneId,
                                                    PendingFrame cause) {
        Message<E> message = Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(sceneId.toString()).build());
        Message<E> outgoing = TracingMetadata.fromMessage(cause.message()).map(message::addMetadata)
                .orElse(message);
        return Uni.createFrom().deferred(() -> emitter.sendMessage(outgoing));
    }
}
