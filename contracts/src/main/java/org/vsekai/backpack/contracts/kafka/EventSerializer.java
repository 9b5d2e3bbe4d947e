package org.vsekai.backpack.contracts.kafka;

import org.apache.kafka.common.serialization.Serializer;
import org.vsekai.backpack.contracts.Event;
import org.vsekai.backpack.contracts.EventJson;

/** Writes any event as JSON. One serializer serves every topic. */
public class EventSerializer implements Serializer<Event> {

    @Override
    public byte[] serialize(String topic, Event event) {
        return event == null ? null : EventJson.write(event);
    }
}
