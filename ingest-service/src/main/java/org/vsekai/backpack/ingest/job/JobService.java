package org.vsekai.backpack.ingest.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.scene.SceneUploaded;
import org.vsekai.backpack.ingest.scene.SceneUploadedPublisher;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The upload job store: creates jobs, reads them, and moves them forward, announcing each step that others need. */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);

    private final UploadJobRepository jobs;
    private final SceneUploadedPublisher sceneUploaded;

    public JobService(UploadJobRepository jobs, SceneUploadedPublisher sceneUploaded) {
        this.jobs = jobs;
        this.sceneUploaded = sceneUploaded;
    }

    /** A RECEIVED job for a scene upload that has just arrived. */
    @WithSpan
    @WithTransaction
    public Uni<UploadJob> receive(@SpanAttribute("backpack.scene.id") UUID sceneId, String ownerId) {
        return jobs.persist(UploadJob.received(sceneId, ownerId, now()));
    }

    /** The job, or {@code null} when there is none with that id. */
    @WithSpan
    @WithSession
    public Uni<UploadJob> find(@SpanAttribute("backpack.job.id") UUID jobId) {
        return jobs.findById(jobId);
    }

    /**
     * Marks the job STORED and then announces the scene on {@code scene-uploaded}.
     *
     * <p>The event is sent only after the transaction has committed, so no consumer hears of a scene the job table
     * does not have. Its event id is derived from the job id and its time is the job's: if the send fails, calling
     * this again re-sends the same event (the job is already STORED), and consumers de-duplicate it.
     *
     * @return the stored job; fails with {@link JobNotFoundException} or {@link JobStateConflictException}
     */
    @WithSpan
    public Uni<UploadJob> markStored(@SpanAttribute("backpack.job.id") UUID jobId, StoredScene scene) {
        return Panache.withTransaction(() -> jobs.findById(jobId)
                        .onItem().ifNull().failWith(() -> new JobNotFoundException(jobId))
                        .invoke(job -> job.markStored(now())))
                .call(job -> sceneUploaded.publish(sceneUploadedEvent(job, scene)))
                .invoke(job -> LOG.infof("Upload job %s stored scene %s as %s", job.id(), job.sceneId(),
                        scene.blobRef()));
    }

    static SceneUploaded sceneUploadedEvent(UploadJob job, StoredScene scene) {
        UUID eventId = UUID.nameUUIDFromBytes(("scene-uploaded/" + job.id()).getBytes(StandardCharsets.UTF_8));
        return new SceneUploaded(SceneUploaded.CURRENT_VERSION, eventId, job.sceneId(), job.ownerId(),
                scene.blobRef(), scene.format(), scene.sizeBytes(), scene.cameraCount(), job.updatedAt());
    }

    // PostgreSQL keeps microseconds; truncating here makes what we return equal what we read back later.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
