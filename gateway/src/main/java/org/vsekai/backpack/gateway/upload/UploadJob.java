package org.vsekai.backpack.gateway.upload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An upload job as the ingest-service shows it ({@code JobView}); the gateway needs its owner to decide who may
 * read it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadJob(
        UUID id,
        UUID sceneId,
        @Schema(description = "The user who uploaded it") String ownerId,
        @Schema(description = "RECEIVED, STORED, EXTRACTED or FAILED") String state,
        @Schema(description = "Why it failed; only on a FAILED job") String error,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "The scene's workflow state: STORED, PARSED, METADATA_PUBLISHED, FRAMES_ANALYSED, "
                + "INDEXED or FAILED") String sceneState,
        @Schema(description = "Every job of the scene's processing (parse, publish, frames): kind, state "
                + "(available, executing, retryable, completed, discarded), attempt, last error and times")
        List<JsonNode> steps) {
}
