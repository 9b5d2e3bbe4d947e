package org.vsekai.backpack.contracts;

import java.time.Duration;
import java.util.Objects;

/**
 * One Kafka topic and the one record type it carries.
 *
 * @param name           topic name
 * @param partitions     partition count it is created with (auto-creation is off everywhere)
 * @param eventType      the record written to it
 * @param currentVersion newest schema version of {@code eventType}; newer records go to the dead-letter topic
 * @param compacted      whether only the latest record per key matters (log compaction)
 * @param retention      how long records are kept (the broker's default when null): short for a live stream
 */
public record Topic<E extends Event>(String name, int partitions, Class<E> eventType, int currentVersion,
                                     boolean compacted, Duration retention) {

    /** A topic kept as long as the broker keeps records by default. */
    public Topic(String name, int partitions, Class<E> eventType, int currentVersion, boolean compacted) {
        this(name, partitions, eventType, currentVersion, compacted, null);
    }

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eventType, "eventType");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        if (currentVersion < 1) {
            throw new IllegalArgumentException("currentVersion must be >= 1: " + currentVersion);
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
    }

    /** The topic a consumer writes records it cannot process to, with the error in headers. */
    public String deadLetterTopic() {
        return name + ".dlq";
    }
}
