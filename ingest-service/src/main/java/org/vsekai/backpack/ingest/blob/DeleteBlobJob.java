package org.vsekai.backpack.ingest.blob;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.ingest.queue.Job;
import org.vsekai.backpack.ingest.queue.JobHandler;
import org.vsekai.backpack.kit.blob.BlobRef;
import org.vsekai.backpack.kit.blob.BlobStore;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes a blob once nothing holds it: under the {@code blobs} row's lock it checks again that no holder came
 * since it was queued, then deletes the file and the row. Deleting a file that is gone already is no failure, so a
 * retry after a crash between the two is harmless.
 */
@ApplicationScoped
public class DeleteBlobJob implements JobHandler {

    public static final String KIND = "delete-blob";
    private static final Logger LOG = Logger.getLogger(DeleteBlobJob.class);

    private final BlobStore store;

    public DeleteBlobJob(BlobStore store) {
        this.store = store;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Void> perform(Job job, SqlConnection transaction) {
        String sha256 = job.subject();
        return transaction.preparedQuery("SELECT sha256 FROM blobs WHERE sha256 = $1 FOR UPDATE")
                .execute(Tuple.of(sha256))
                .chain(() -> transaction.preparedQuery("SELECT count(*) AS holders FROM blob_holders WHERE sha256 = $1")
                        .execute(Tuple.of(sha256)))
                .chain(rows -> {
                    if (rows.iterator().next().getLong("holders") > 0) {
                        LOG.infof("Blob %s is held again; kept", sha256);
                        return Uni.createFrom().voidItem();
                    }
                    return Uni.createFrom().item(() -> delete(new BlobRef(sha256)))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .chain(() -> transaction.preparedQuery("DELETE FROM blobs WHERE sha256 = $1")
                                    .execute(Tuple.of(sha256)))
                            .invoke(() -> LOG.infof("Deleted blob %s: nothing holds it", sha256))
                            .replaceWithVoid();
                });
    }

    private boolean delete(BlobRef ref) {
        try {
            return store.delete(ref);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
