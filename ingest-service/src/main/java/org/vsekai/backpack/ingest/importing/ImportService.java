package org.vsekai.backpack.ingest.importing;

import java.io.InputStream;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.ingest.blob.BlobHolders;
import org.vsekai.backpack.ingest.config.IngestLimits;
import org.vsekai.backpack.ingest.queue.JobQueue;
import org.vsekai.backpack.ingest.queue.JobWorkers;
import org.vsekai.backpack.ingest.scene.SceneService;
import org.vsekai.backpack.ingest.sql.Times;
import org.vsekai.backpack.kit.blob.StoredBlob;
import org.vsekai.backpack.kit.sql.TransactionRetry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Starts a batch import: the NDJSON streams into the blob store first (so a crash loses nothing and the import can
 * resume from its cursor), then one transaction records the import, its hold on the blob and its first chunk's job.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private final SceneService uploads;
    private final BlobHolders holders;
    private final ImportStore imports;
    private final JobQueue queue;
    private final JobWorkers workers;
    private final Pool pool;
    private final IngestLimits limits;

    public ImportService(SceneService uploads, BlobHolders holders, ImportStore imports, JobQueue queue,
                         JobWorkers workers, Pool pool, IngestLimits limits) {
        this.uploads = uploads;
        this.holders = holders;
        this.imports = imports;
        this.queue = queue;
        this.workers = workers;
        this.pool = pool;
        this.limits = limits;
    }

    /** An import's id and its first chunk's job. */
    public record ImportStarted(UUID importId, UUID jobId, String blobRef, long sizeBytes) {
    }

    /** Blocks while the body streams in: call it on a worker thread. */
    public Uni<ImportStarted> start(String ownerId, InputStream body) {
        StoredBlob stored = uploads.store(body, limits.maxImportBytes(), "max-import-bytes");
        UUID importId = UUID.randomUUID();
        var now = Times.now();
        return TransactionRetry.retrying(() -> pool.withTransaction(transaction -> imports.insert(transaction,
                                importId, ownerId, stored.ref(), stored.sizeBytes(), now)
                        .chain(() -> holders.hold(transaction, stored, "import:" + importId, ownerId, now))
                        .chain(() -> queue.enqueue(transaction, ImportChunkJob.chunk(importId, ownerId)))))
                .map(jobId -> new ImportStarted(importId, jobId, stored.ref().uri(), stored.sizeBytes()))
                .invoke(started -> {
                    LOG.infof("Import %s by %s: %d bytes of NDJSON in %s, queued", importId, ownerId,
                            stored.sizeBytes(), stored.ref());
                    workers.wake();
                });
    }

    public Uni<ImportProgress> progress(UUID importId) {
        return imports.find(pool, importId);
    }
}
