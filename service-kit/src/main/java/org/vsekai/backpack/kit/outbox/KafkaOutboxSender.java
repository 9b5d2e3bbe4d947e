package org.vsekai.backpack.kit.outbox;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topic;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.kit.tracing.TraceParent;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends outbox rows to the topic each row names, through one SmallRye Kafka channel, {@value #CHANNEL}, whose
 * producer is {@code acks=all} and idempotent (the kit's defaults in {@code META-INF/microprofile-config.properties}).
 * The stored JSON goes out byte for byte; the Uni completes on the broker's acknowledgement. The payload is read back
 * as its topic's event first, so a row that no longer matches its contract (or names a topic the suite does not
 * have, or is a tombstone on a topic that is not compacted) fails here instead of reaching consumers. The record
 * continues the trace the row was written in: its span's parent is the row's {@code traceparent}.
 */
@ApplicationScoped
@IfBuildProperty(name = OutboxRelay.ENABLED, stringValue = "true")
public class KafkaOutboxSender implements OutboxSender {

    /** The one outgoing channel of the outbox; each record's topic comes from its row. */
    public static final String CHANNEL = "backpack-outbox";

    private final MutinyEmitter<Record<String, byte[]>> emitter;

    public KafkaOutboxSender(@Channel(CHANNEL) MutinyEmitter<Record<String, byte[]>> emitter) {
        this.emitter = emitter;
    }

    @Override
    public Uni<Void> send(OutboxRow row) {
        byte[] value;
        try {
            value = checkedValue(row);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        Message<Record<String, byte[]>> message = Message.of(Record.of(row.key(), value))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(row.topic()).build());
        if (row.traceparent() != null) {
            message = message.addMetadata(TracingMetadata.withCurrent(TraceParent.context(row.traceparent())));
        }
        return emitter.sendMessage(message);
    }

    private static byte[] checkedValue(OutboxRow row) {
        Topic<?> topic;
        try {
            topic = Topics.byName(row.topic());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("outbox row " + row.id() + " is for topic " + row.topic()
                    + ", which the suite does not have", e);
        }
        if (row.payload() == null) {
            if (!topic.compacted()) {
                throw new IllegalStateException("outbox row " + row.id() + " is a tombstone for topic "
                        + row.topic() + ", which is not compacted");
            }
            return null;
        }
        byte[] value = row.payload().getBytes(StandardCharsets.UTF_8);
        EventJson.read(value, topic);
        return value;
    }
}
