package org.vsekai.backpack.vision.detection;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.vision.Detections;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes the detections of one frame on {@code detections}, keyed by scene id so a scene's frames stay in order.
 * The inference that produces them is the next issue.
 */
@ApplicationScoped
public class DetectionPublisher {

    private final MutinyEmitter<Detections> emitter;

    public DetectionPublisher(@Channel(Topics.DETECTIONS_NAME) MutinyEmitter<Detections> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record (acks=all). */
    public Uni<Void> publish(Detections detections) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(detections.sceneId().toString())
                .build();
        return emitter.sendMessage(Message.of(detections).addMetadata(key));
    }
}
