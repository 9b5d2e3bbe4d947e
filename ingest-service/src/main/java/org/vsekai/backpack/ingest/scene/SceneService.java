package org.vsekai.backpack.ingest.scene;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.ingest.blob.BlobHolders;
import org.vsekai.backpack.ingest.config.IngestLimits;
import org.vsekai.backpack.ingest.format.FileLimitException;
import org.vsekai.backpack.ingest.queue.JobQueue;
import org.vsekai.backpack.ingest.queue.JobWorkers;
import org.vsekai.backpack.ingest.sql.Times;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.kit.blob.BlobTooLargeException;
import org.vsekai.backpack.kit.blob.StoredBlob;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.sql.TransactionRetry;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Scene uploads: the body streams into the blob store (held to {@code max-upload-bytes} as it comes), the stored
 * file is checked as a conformant reader would, and one transaction records the scene, its upload job, the blob's
 * holder and the parse job. The same bytes from the same owner are the same scene.
 */
@ApplicationScoped
public class SceneService {

    private static final Logger LOG = Logger.getLogger(SceneService.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final BlobStore blobs;
    private final BlobHolders holders;
    private final SceneReader reader;
    private final SceneStore scenes;
    private final JobQueue queue;
    private final JobWorkers workers;
    private final Pool pool;
    private final IngestLimits limits;

    public SceneService(BlobStore blobs, BlobHolders holders, SceneReader reader, SceneStore scenes, JobQueue queue,
                        JobWorkers workers, Pool pool, IngestLimits limits) {
        this.blobs = blobs;
        this.holders = holders;
        this.reader = reader;
        this.scenes = scenes;
        this.queue = queue;
        this.workers = workers;
        this.pool = pool;
        this.limits = limits;
    }

    /**
     * Stores and checks one upload. Blocks while the body streams in and while the file is checked: call it on a
     * worker thread. A refused file (422, 413) leaves nothing behind.
     */
    @WithSpan
    public Uni<UploadAccepted> upload(String ownerId, SceneFormat format, InputStream body) {
        StoredBlob stored = store(body, limits.maxUploadBytes(), "max-upload-bytes");
        try {
            reader.read(stored.ref(), format);
        } catch (RuntimeException | IOException refused) {
            holders.discardIfUnheld(stored).await().indefinitely();
            if (refused instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the stored upload could not be read back", refused);
        }
        return TransactionRetry.retrying(() -> record(ownerId, format, stored))
                .onFailure(SceneService::isUniqueViolation).recoverWithUni(() -> existing(ownerId, stored))
                .invoke(accepted -> {
                    LOG.infof("Upload of %s: scene %s (%s, %d bytes, %s%s)", ownerId, accepted.sceneId(), format,
                            stored.sizeBytes(), stored.ref(), accepted.duplicate() ? ", a repeat" : "");
                    workers.wake();
                });
    }

    private Uni<UploadAccepted> record(String ownerId, SceneFormat format, StoredBlob stored) {
        return pool.withTransaction(transaction -> scenes.ofContent(transaction, ownerId, stored.ref())
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(accepted(existing, stored, true));
                    }
                    var now = Times.now();
                    Scene scene = new Scene(UUID.randomUUID(), ownerId, UUID.randomUUID(), stored.ref(), format,
                            stored.sizeBytes(), SceneState.STORED, null, null, java.util.List.of(),
                            java.util.List.of(), now, now, null, null, null);
                    return holders.hold(transaction, stored, "scene:" + scene.id(), ownerId, now)
                            .chain(() -> scenes.insert(transaction, scene))
                            .chain(() -> queue.enqueue(transaction, SceneJobs.parse(scene.id(), ownerId)))
                            .replaceWith(accepted(scene, stored, false));
                }));
    }

    /** A concurrent upload of the same bytes by the same owner won the insert: answer with its scene. */
    private Uni<UploadAccepted> existing(String ownerId, StoredBlob stored) {
        return scenes.ofContent(pool, ownerId, stored.ref()).map(scene -> accepted(scene, stored, true));
    }

    private static UploadAccepted accepted(Scene scene, StoredBlob stored, boolean duplicate) {
        return new UploadAccepted(scene.id(), scene.uploadId(), stored.ref().sha256(), stored.ref().uri(),
                scene.format(), stored.sizeBytes(), stored.alreadyStored(), duplicate, scene.state());
    }

    /**
     * Streams {@code body} into the blob store, held to {@code maxBytes}: past it a 413 problem; a body that broke
     * off (the client or the gateway reset the connection) a 400 problem. Nothing is kept in either case.
     */
    public StoredBlob store(InputStream body, long maxBytes, String limit) {
        try {
            return blobs.put(body, maxBytes);
        } catch (BlobTooLargeException e) {
            throw FileLimitException.tooLarge(limit, "", "the body is larger than " + maxBytes + " bytes");
        } catch (IOException e) {
            throw new ProblemException(Problem.ofType("upload-interrupted", 400, "Upload interrupted",
                    "The body broke off before it ended: " + e.getMessage()), e);
        }
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
