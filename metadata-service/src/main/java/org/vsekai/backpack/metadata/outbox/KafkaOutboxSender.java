package org.vsekai.backpack.metadata.outbox;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.kit.outbox.OutboxRow;
import org.vsekai.backpack.kit.outbox.OutboxSender;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Sends outbox rows through the service's outgoing channels (acks=all, idempotent producer); the Uni completes on
 * the broker's acknowledgement. The payload is read back as the topic's event type, so a row that no longer
 * matches its contract fails here instead of reaching consumers.
 */
@ApplicationScoped
public class KafkaOutboxSender implements OutboxSender {

    private final MutinyEmitter<Record<String, ItemAttributes>> itemAttributes;

    public KafkaOutboxSender(@Channel(Topics.ITEM_ATTRIBUTES_NAME)
                             MutinyEmitter<Record<String, ItemAttributes>> itemAttributes) {
        this.itemAttributes = itemAttributes;
    }

    @Override
    public Uni<Void> send(OutboxRow row) {
        if (!Topics.ITEM_ATTRIBUTES_NAME.equals(row.topic())) {
            return Uni.createFrom().failure(new IllegalStateException("outbox row " + row.id()
                    + " is for topic " + row.topic() + ", which this service does not publish"));
        }
        ItemAttributes event = row.payload() == null ? null
                : EventJson.read(row.payload().getBytes(StandardCharsets.UTF_8), Topics.ITEM_ATTRIBUTES);
        return itemAttributes.send(Record.of(row.key(), event));
    }
}
