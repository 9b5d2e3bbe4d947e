package org.vsekai.backpack.contracts.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.vsekai.backpack.contracts.Event;
import org.vsekai.backpack.contracts.EventFormatException;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topic;

/**
 * Reads the event type of one topic. Subclasses exist per topic because Kafka instantiates deserializers by
 * class name; an invalid record raises {@link SerializationException}, which consumers route to the
 * dead-letter topic.
 */
public abstract class EventDeserializer<E extends Event> implements Deserializer<E> {

    private final Topic<E> topic;

    protected EventDeserializer(Topic<E> topic) {
        this.topic = topic;
    }

    @Override
    public E deserialize(String topicName, byte[] data) {
        if (data == null) {
            return null; // a tombstone
        }
        try {
            return EventJson.read(data, topic);
        } catch (EventFormatException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }
}
