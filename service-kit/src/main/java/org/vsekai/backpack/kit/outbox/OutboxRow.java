package org.vsekai.backpack.kit.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One claimed outbox row. {@code payload} is the event's JSON, or null for a tombstone; {@code traceparent} is the
 * W3C trace context of the transaction that wrote it, or null when none was active.
 */
public record OutboxRow(UUID id, String topic, String key, String payload, String traceparent, Instant createdAt) {
}
