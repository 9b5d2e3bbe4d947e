package org.vsekai.backpack.ingest.job;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An upload job as the HTTP API shows it. {@code error} is only present on a FAILED job. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(UUID id, UUID sceneId, String ownerId, JobState state, String error, Instant createdAt,
                      Instant updatedAt) {

    public static JobView of(UploadJob job) {
        return new JobView(job.id(), job.sceneId(), job.ownerId(), job.state(), job.error(), job.createdAt(),
                job.updatedAt());
    }
}
