package org.vsekai.backpack.ingest.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.ingest.blob.BlobHolders;
import org.vsekai.backpack.kit.sql.ProcessedEvents;
import org.vsekai.backpack.kit.sql.TransactionRetry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes what this service keeps of one user (docs/adr/0007): their scenes with cameras, frames and poses, upload jobs,
 * imports, queued jobs, the unsent events about their scenes, and their holds on blobs; each blob nobody else holds
 * is queued for deletion (a blob another owner uploaded too stays). One transaction, with the event id.
 */
@ApplicationScoped
public class ErasureService {

    /** Events of ingest's topics that name a scene (keyed by scene id) and so the user. */
    private static final List<String> SCENE_TOPICS = List.of(Topics.SCENE_UPLOADED_NAME, Topics.SCENE_METADATA_NAME,
            Topics.CAMERA_FRAMES_NAME);

    private final Pool pool;
    private final BlobHolders holders;

    public ErasureService(Pool pool, BlobHolders holders) {
        this.pool = pool;
        this.holders = holders;
    }

    /**
     * What one erasure did; {@code applied} is false when the event id had been processed before.
     *
     * @param blobs blobs queued for deletion
     */
    public record Erased(boolean applied, long jobs, long scenes, int blobs) {
    }

    /** One transaction; one that lost a serialization conflict runs again ({@link TransactionRetry}). */
    public Uni<Erased> eraseOnce(UUID eventId, String userId, Instant at) {
        return TransactionRetry.retrying(() -> pool.withTransaction(transaction -> ProcessedEvents.once(transaction,
                eventId, Topics.USER_ERASURES_NAME, at, new Erased(false, 0, 0, 0), () -> erase(transaction,
                        userId))));
    }

    private Uni<Erased> erase(SqlConnection transaction, String userId) {
        Tuple owner = Tuple.of(userId);
        return delete(transaction, "DELETE FROM outbox_events WHERE topic = ANY($2) AND record_key IN "
                        + "(SELECT CAST(id AS TEXT) FROM scenes WHERE owner_id = $1 UNION "
                        + "SELECT CAST(scene_id AS TEXT) FROM upload_jobs WHERE owner_id = $1)",
                Tuple.of(userId, SCENE_TOPICS.toArray(String[]::new)))
                .chain(() -> delete(transaction, "DELETE FROM scene_cameras WHERE scene_id IN "
                        + "(SELECT id FROM scenes WHERE owner_id = $1)", owner))
                .chain(() -> delete(transaction, "DELETE FROM frame_findings WHERE frame_id IN "
                        + "(SELECT id FROM scene_frames WHERE owner_id = $1)", owner))
                .chain(() -> delete(transaction, "DELETE FROM poses WHERE owner_id = $1", owner))
                // Shares of the user's scenes, and shares made to the user (by whoever).
                .chain(() -> delete(transaction, "DELETE FROM scene_shares WHERE user_id = $1 OR scene_id IN "
                        + "(SELECT id FROM scenes WHERE owner_id = $1)", owner))
                .chain(() -> delete(transaction, "DELETE FROM scene_frames WHERE owner_id = $1", owner))
                .chain(() -> delete(transaction, "DELETE FROM imports WHERE owner_id = $1", owner))
                .chain(() -> delete(transaction, "DELETE FROM jobs WHERE owner_id = $1", owner))
                .chain(() -> delete(transaction, "DELETE FROM scenes WHERE owner_id = $1", owner))
                .chain(scenes -> delete(transaction, "DELETE FROM upload_jobs WHERE owner_id = $1", owner)
                        .chain(jobs -> holders.releaseOwner(transaction, userId)
                                .map(blobs -> new Erased(true, jobs, scenes, blobs))));
    }

    private static Uni<Integer> delete(SqlConnection transaction, String sql, Tuple arguments) {
        return transaction.preparedQuery(sql).execute(arguments).map(rows -> rows.rowCount());
    }
}
