package org.vsekai.backpack.ingest.scene;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneUploaded;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Announces stored scenes on {@code scene-uploaded}, keyed by scene id so one scene's events stay in order. */
@ApplicationScoped
public class SceneUploadedPublisher {

    private final MutinyEmitter<SceneUploaded> emitter;

    public SceneUploadedPublisher(@Channel(Topics.SCENE_UPLOADED_NAME) MutinyEmitter<SceneUploaded> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record (acks=all), fails when it has not. */
    public Uni<Void> publish(SceneUploaded event) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.sceneId().toString())
                .build();
        return emitter.sendMessage(Message.of(event).addMetadata(key));
    }
}
