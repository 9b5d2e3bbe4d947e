package org.vsekai.backpack.ingest.blob;

import static org.vsekai.backpack.ingest.sql.Times.utc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.ingest.sql.Json;
import org.vsekai.backpack.ingest.queue.JobQueue;
import org.vsekai.backpack.ingest.queue.NewJob;
import org.vsekai.backpack.kit.blob.BlobRef;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.kit.blob.StoredBlob;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.sql.TransactionRetry;
import org.vsekai.backpack.contracts.http.Problem;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who holds which blob ({@code blobs}, {@code blob_holders}): a scene, a frame, an import, each with its owner. A
 * blob no holder is left for is deleted by a {@link DeleteBlobJob}, so erasing a user removes their blobs but
 * keeps the ones another owner uploaded too. The {@code blobs} row is the lock a new holder and a deletion take in
 * turn.
 */
@ApplicationScoped
public class BlobHolders {

    private final BlobStore store;
    private final JobQueue queue;
    private final Pool pool;

    public BlobHolders(BlobStore store, JobQueue queue, Pool pool) {
        this.store = store;
        this.queue = queue;
        this.pool = pool;
    }

    /**
     * Records {@code holder} as holding the blob, in the caller's transaction, and checks the blob is still there:
     * a deletion that ran between the upload's write and this transaction took it away (then a 503 problem: the
     * client uploads again).
     */
    public Uni<Void> hold(SqlClient transaction, StoredBlob blob, String holder, String ownerId, Instant at) {
        return transaction.preparedQuery("INSERT INTO blobs (sha256, size_bytes, stored_at) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (sha256) DO UPDATE SET size_bytes = excluded.size_bytes")
                .execute(Tuple.of(blob.ref().sha256(), blob.sizeBytes(), utc(at)))
                .chain(() -> transaction.preparedQuery("INSERT INTO blob_holders (sha256, holder, owner_id) "
                                + "VALUES ($1, $2, $3) ON CONFLICT (sha256, holder) DO NOTHING")
                        .execute(Tuple.of(blob.ref().sha256(), holder, ownerId)))
                .chain(() -> Uni.createFrom().item(() -> exists(blob.ref()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .invoke(present -> {
                    if (!present) {
                        throw new ProblemException(Problem.ofType("blob-deleted", 503, "Stored content was deleted",
                                "The content was deleted while it was being stored; upload it again"));
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Drops every hold of {@code ownerId} and queues the deletion of each blob nobody else holds, in the caller's
     * transaction.
     *
     * @return how many blobs are queued for deletion
     */
    public Uni<Integer> releaseOwner(SqlClient transaction, String ownerId) {
        return transaction.preparedQuery("DELETE FROM blob_holders WHERE owner_id = $1 RETURNING sha256")
                .execute(Tuple.of(ownerId))
                .chain(rows -> {
                    List<String> released = new ArrayList<>();
                    for (Row row : rows) {
                        if (!released.contains(row.getString("sha256"))) {
                            released.add(row.getString("sha256"));
                        }
                    }
                    return deleteUnheld(transaction, released);
                });
    }

    /**
     * After a refused upload: deletes the blob just written when nothing holds it (bytes that were stored before,
     * for someone else, stay). A transaction that lost a serialization conflict (with an upload of the same bytes
     * taking hold of them) runs again ({@link TransactionRetry}).
     */
    public Uni<Void> discardIfUnheld(StoredBlob blob) {
        if (blob.alreadyStored()) {
            return Uni.createFrom().voidItem();
        }
        return TransactionRetry.retrying(() -> pool.withTransaction(transaction ->
                        deleteUnheld(transaction, List.of(blob.ref().sha256()))))
                .replaceWithVoid();
    }

    private Uni<Integer> deleteUnheld(SqlClient transaction, List<String> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return transaction.preparedQuery("SELECT b.sha256 FROM (SELECT unnest($1::TEXT[]) AS sha256) b "
                        + "WHERE NOT EXISTS (SELECT 1 FROM blob_holders h WHERE h.sha256 = b.sha256)")
                .execute(Tuple.of(candidates.toArray(String[]::new)))
                .chain(rows -> {
                    List<Uni<java.util.UUID>> queued = new ArrayList<>();
                    for (Row row : rows) {
                        String sha256 = row.getString("sha256");
                        queued.add(queue.enqueue(transaction, new NewJob(DeleteBlobJob.KIND, sha256, false, null,
                                Json.tree().put("sha256", sha256), 0)));
                    }
                    return queued.isEmpty() ? Uni.createFrom().item(0)
                            : Uni.join().all(queued).andFailFast().map(List::size);
                });
    }

    private boolean exists(BlobRef ref) {
        try {
            return store.exists(ref);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
