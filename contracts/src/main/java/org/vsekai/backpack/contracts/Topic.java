package org.vsekai.backpack.contracts;

import java.util.Objects;

/**
 * One Kafka topic and the one record type it carries.
 *
 * @param name           topic name
 * @param partitions     partition count it is created with (auto-creation is off everywhere)
 * @param eventType      the record written to it
 * @param currentVersion newest schema version of {@code eventType}; newer records go to the dead-letter topic
 * @param compacted      whether only the latest record per key matters (log compaction)
 */
public record Topic<E extends Event>(String name, int partitions, Class<E> eventType, int currentVersion,
                                     boolean compacted) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eventType, "eventType");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        if (currentVersion < 1) {
            throw new IllegalArgumentException("currentVersion must be >= 1: " + currentVersion);
        }
    }

    /** The topic a consumer writes records it cannot process to, with the error in headers. */
    public String deadLetterTopic() {
        return name + ".dlq";
    }
}
