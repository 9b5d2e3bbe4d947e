package org.vsekai.backpack.ingest.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneUploaded;
import org.vsekai.backpack.kit.outbox.Outbox;
import org.vsekai.backpack.kit.outbox.OutboxRelay;

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
    private final Outbox outbox;
    private final OutboxRelay relay;

    public JobService(UploadJobRepository jobs, Outbox outbox, OutboxRelay relay) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.relay = relay;
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

    /** The owner's jobs, newest first. */
    @WithSpan
    @WithSession
    public Uni<List<UploadJob>> ownedBy(String ownerId, int limit) {
        return jobs.find("ownerId = ?1 order by createdAt desc, id", ownerId).page(0, limit).list();
    }

    /**
     * Marks the job STORED and announces the scene on {@code scene-uploaded}.
     *
     * <p>The event is written to the outbox in the job's transaction (docs/adr/0008), so it exists exactly when the
     * STORED job does, and the relay sends it after the commit, however long the broker is away. Its event id is
     * derived from the job id and its time is the job's: calling this again on a STORED job announces the same
     * event once more (operators may use that to re-announce), and consumers de-duplicate it.
     *
     * @return the stored job; fails with {@link JobNotFoundException} or {@link JobStateConflictException}
     */
    @WithSpan
    public Uni<UploadJob> markStored(@SpanAttribute("backpack.job.id") UUID jobId, StoredScene scene) {
        return Panache.withTransaction(() -> jobs.findById(jobId)
                        .onItem().ifNull().failWith(() -> new JobNotFoundException(jobId))
                        .invoke(job -> job.markStored(now()))
                        // The kit's writer flushes the session first, so the job's new state is written before the
                        // event that announces it.
                        .call(job -> Panache.getSession().chain(session -> outbox.addInSession(session,
                                Topics.SCENE_UPLOADED_NAME, job.sceneId().toString(), sceneUploadedEvent(job, scene)))))
                .invoke(relay::wake)
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
