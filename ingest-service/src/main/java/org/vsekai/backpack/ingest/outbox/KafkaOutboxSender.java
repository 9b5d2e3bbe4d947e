package org.vsekai.backpack.ingest.outbox;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.ingest.scene.SceneUploadedPublisher;
import org.vsekai.backpack.kit.outbox.OutboxRow;
import org.vsekai.backpack.kit.outbox.OutboxSender;

import io.smallrye.mutiny.Uni;

/**
 * Sends outbox rows through the service's outgoing channels (acks=all, idempotent producer); the Uni completes on
 * the broker's acknowledgement. The payload is read back as the topic's event type, so a row that no longer
 * matches its contract fails here instead of reaching consumers.
 */
@ApplicationScoped
public class KafkaOutboxSender implements OutboxSender {

    private final SceneUploadedPublisher sceneUploaded;

    public KafkaOutboxSender(SceneUploadedPublisher sceneUploaded) {
        this.sceneUploaded = sceneUploaded;
    }

    @Override
    public Uni<Void> send(OutboxRow row) {
        if (!Topics.SCENE_UPLOADED_NAME.equals(row.topic()) || row.payload() == null) {
            return Uni.createFrom().failure(new IllegalStateException("outbox row " + row.id()
                    + " is for topic " + row.topic() + ", which this service does not publish, or has no payload"));
        }
        return sceneUploaded.publish(EventJson.read(row.payload().getBytes(StandardCharsets.UTF_8),
                Topics.SCENE_UPLOADED));
    }
}
