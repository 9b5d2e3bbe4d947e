package org.vsekai.backpack.ingest.privacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.ingest.job.UploadJobRepository;
import org.vsekai.backpack.kit.sql.ProcessedEvents;
import org.vsekai.backpack.kit.sql.TransactionRetry;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Deletes what this service keeps of one user (docs/adr/0007): their upload jobs, and the scene-uploaded events
 * about their scenes that the outbox has not relayed yet. This service stores no scene files yet (the upload
 * endpoint that will is a later issue); the blob store must join this transaction's policy when it lands.
 */
@ApplicationScoped
public class ErasureService {

    private final UploadJobRepository jobs;

    public ErasureService(UploadJobRepository jobs) {
        this.jobs = jobs;
    }

    /** What one erasure did; {@code applied} is false when the event id had been processed before. */
    public record Erased(boolean applied, long jobs) {
    }

    /**
     * Deletes the user's rows and records the event id in one transaction; one that lost a serialization conflict
     * runs again ({@link TransactionRetry}).
     */
    public Uni<Erased> eraseOnce(UUID eventId, String userId, Instant at) {
        return TransactionRetry.retrying(() -> Panache.withTransaction(() -> claimAndErase(eventId, userId, at)));
    }

    private Uni<Erased> claimAndErase(UUID eventId, String userId, Instant at) {
        return Panache.getSession().chain(session -> ProcessedEvents.onceInSession(session, eventId,
                Topics.USER_ERASURES_NAME, at, new Erased(false, 0), () -> erase(userId)));
    }

    private Uni<Erased> erase(String userId) {
        // Unsent scene-uploaded events of the user's scenes would announce them, owner and all, after the erase.
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("DELETE FROM outbox_events WHERE topic = :topic AND record_key IN "
                                + "(SELECT CAST(scene_id AS TEXT) FROM upload_jobs WHERE owner_id = :owner)")
                        .setParameter("topic", Topics.SCENE_UPLOADED_NAME)
                        .setParameter("owner", userId)
                        .executeUpdate())
                .chain(() -> jobs.delete("ownerId", userId))
                .map(deleted -> new Erased(true, deleted));
    }
}
