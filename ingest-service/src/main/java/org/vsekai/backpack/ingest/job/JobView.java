package org.vsekai.backpack.ingest.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.ingest.queue.Job;
import org.vsekai.backpack.ingest.scene.SceneState;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An upload job as the HTTP API shows it. {@code error} is only present on a FAILED job; {@code sceneState} (the
 * scene's workflow state) and {@code steps} (every unit of work about the scene and its frames, from the job queue)
 * only on the view of one upload.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(UUID id, UUID sceneId, String ownerId, JobState state, String error, Instant createdAt,
                      Instant updatedAt, SceneState sceneState, List<Job> steps) {

    public static JobView of(UploadJob job) {
        return of(job, null, null);
    }

    public static JobView of(UploadJob job, SceneState sceneState, List<Job> steps) {
        return new JobView(job.id(), job.sceneId(), job.ownerId(), job.state(), job.error(), job.createdAt(),
                job.updatedAt(), sceneState, steps);
    }
}
