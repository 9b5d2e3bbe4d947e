package org.vsekai.backpack.ingest.queue;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of the job table.
 *
 * @param subject what it is about (a scene id, a frame id, a blob reference)
 * @param attempt attempts started so far, the running one included
 * @param args    the job's arguments, a JSON object
 * @param traceparent the W3C trace context it was queued in, which its runs continue; null when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Job(UUID id, String kind, String subject, String ownerId, JsonNode args, JobState state, int attempt,
                  int maxAttempts, String lastError, String attemptedBy, Instant insertedAt, Instant scheduledAt,
                  Instant attemptedAt, Instant completedAt, Instant discardedAt, String traceparent) {
}
