package org.vsekai.backpack.kit.outbox;

import java.time.Instant;
import java.util.UUID;

/** One claimed outbox row; {@code payload} is the event's JSON, or null for a tombstone. */
public record OutboxRow(UUID id, String topic, String key, String payload, Instant createdAt) {
}
