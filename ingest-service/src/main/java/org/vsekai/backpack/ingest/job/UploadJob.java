package org.vsekai.backpack.ingest.job;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One scene upload and where it stands; the row the ingest service keeps while it stores and extracts a scene. */
@Entity
@Table(name = "upload_jobs")
public class UploadJob {

    @Id
    private UUID id;

    @Column(name = "scene_id", nullable = false, updatable = false)
    private UUID sceneId;

    @Column(name = "owner_id", nullable = false, updatable = false)
    private String ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobState state;

    private String error;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** For Hibernate only. */
    protected UploadJob() {
    }

    private UploadJob(UUID id, UUID sceneId, String ownerId, Instant now) {
        this.id = id;
        this.sceneId = sceneId;
        this.ownerId = ownerId;
        this.state = JobState.RECEIVED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A new job for an upload that has just arrived. */
    public static UploadJob received(UUID sceneId, String ownerId, Instant now) {
        return new UploadJob(UUID.randomUUID(), Objects.requireNonNull(sceneId, "sceneId"),
                Objects.requireNonNull(ownerId, "ownerId"), now);
    }

    /**
     * Records that the scene's blob is stored. Calling it again on a stored job changes nothing, so a caller may
     * retry after a failure.
     *
     * @throws JobStateConflictException when the job has moved past STORED or failed
     */
    void markStored(Instant now) {
        if (state == JobState.STORED) {
            return;
        }
        if (!state.canMoveTo(JobState.STORED)) {
            throw new JobStateConflictException(id, state, JobState.STORED);
        }
        state = JobState.STORED;
        updatedAt = now;
    }

    /**
     * Records why the upload cannot go on. Final: a failed upload is retried as a new job.
     *
     * @throws JobStateConflictException when the job is already final
     */
    void markFailed(String reason, Instant now) {
        if (!state.canMoveTo(JobState.FAILED)) {
            throw new JobStateConflictException(id, state, JobState.FAILED);
        }
        state = JobState.FAILED;
        error = Objects.requireNonNull(reason, "reason");
        updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID sceneId() {
        return sceneId;
    }

    public String ownerId() {
        return ownerId;
    }

    public JobState state() {
        return state;
    }

    public String error() {
        return error;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
