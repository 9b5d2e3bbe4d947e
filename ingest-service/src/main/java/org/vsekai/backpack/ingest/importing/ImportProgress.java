package org.vsekai.backpack.ingest.importing;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How far an import has come: its committed cursor, what it wrote and what it skipped.
 *
 * @param rowsWritten scenes recorded and metadata events queued
 * @param linesFailed lines that were neither kind, or named a blob the store does not have
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportProgress(UUID importId, String ownerId, String blobRef, long sizeBytes, long bytesDone,
                             long linesDone, long rowsWritten, long linesFailed, String lastError, Instant createdAt,
                             Instant updatedAt, Instant finishedAt) {
}
