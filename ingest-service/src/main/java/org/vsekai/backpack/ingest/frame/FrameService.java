package org.vsekai.backpack.ingest.frame;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.FrameFormat;
import org.vsekai.backpack.ingest.blob.BlobHolders;
import org.vsekai.backpack.ingest.config.IngestLimits;
import org.vsekai.backpack.ingest.image.ImageHeader;
import org.vsekai.backpack.ingest.image.ImageHeaders;
import org.vsekai.backpack.ingest.queue.JobQueue;
import org.vsekai.backpack.ingest.queue.JobWorkers;
import org.vsekai.backpack.ingest.queue.NewJob;
import org.vsekai.backpack.ingest.scene.Scene;
import org.vsekai.backpack.ingest.scene.SceneProblems;
import org.vsekai.backpack.ingest.scene.SceneService;
import org.vsekai.backpack.ingest.scene.SceneState;
import org.vsekai.backpack.ingest.scene.SceneStore;
import org.vsekai.backpack.ingest.scene.StoredCamera;
import org.vsekai.backpack.ingest.sql.Json;
import org.vsekai.backpack.ingest.sql.Times;
import org.vsekai.backpack.kit.blob.BlobRef;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.kit.blob.StoredBlob;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.sql.TransactionRetry;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Frames of a scene's cameras: checked against the scene (the caller's, parsed, with that camera) before a byte is
 * stored, streamed into the blob store within {@code max-frame-bytes}, then their header read (size within the pixel
 * limits) before anything decodes them; one transaction records the frame with its camera's calibration for its
 * size, and queues its announcement on camera-frames.
 */
@ApplicationScoped
public class FrameService {

    private static final Logger LOG = Logger.getLogger(FrameService.class);

    private final SceneStore scenes;
    private final SceneService uploads;
    private final FrameStore frames;
    private final BlobStore blobs;
    private final BlobHolders holders;
    private final JobQueue queue;
    private final JobWorkers workers;
    private final Pool pool;
    private final IngestLimits limits;

    public FrameService(SceneStore scenes, SceneService uploads, FrameStore frames, BlobStore blobs,
                        BlobHolders holders, JobQueue queue, JobWorkers workers, Pool pool, IngestLimits limits) {
        this.scenes = scenes;
        this.uploads = uploads;
        this.frames = frames;
        this.blobs = blobs;
        this.holders = holders;
        this.queue = queue;
        this.workers = workers;
        this.pool = pool;
        this.limits = limits;
    }

    /** Stores one frame. Blocks while it streams in: call it on a worker thread. */
    @WithSpan
    public Uni<FrameAccepted> post(Caller caller, UUID sceneId, String cameraId, FrameFormat format,
                                   Instant capturedAt, InputStream body) {
        Scene scene = SceneProblems.requireVisible(scenes.find(pool, sceneId).await().indefinitely(), sceneId,
                caller);
        if (scene.state() == SceneState.FAILED || scene.parsedAt() == null) {
            throw SceneProblems.notReady(scene);
        }
        StoredCamera camera = scenes.camera(pool, sceneId, cameraId).await().indefinitely();
        if (camera == null) {
            throw SceneProblems.cameraNotFound(sceneId, cameraId);
        }
        StoredBlob stored = uploads.store(body, limits.maxFrameBytes(), "max-frame-bytes");
        ImageHeader header;
        try (InputStream in = blobs.open(stored.ref())) {
            header = ImageHeaders.read(in, format, limits.frames());
        } catch (IOException e) {
            holders.discardIfUnheld(stored).await().indefinitely();
            throw new UncheckedIOException(e);
        } catch (RuntimeException refused) {
            holders.discardIfUnheld(stored).await().indefinitely();
            throw refused;
        }
        CameraCalibration calibration = camera.camera().calibrationFor(header.width(), header.height());
        Instant now = Times.now();
        Frame frame = new Frame(UUID.randomUUID(), sceneId, cameraId, scene.ownerId(), stored.ref().uri(), format,
                header.width(), header.height(), calibration, capturedAt == null ? now : capturedAt, now, null);
        return TransactionRetry.retrying(() -> pool.withTransaction(transaction -> scenes.lock(transaction, sceneId)
                        .chain(locked -> locked == null ? Uni.createFrom().failure(SceneProblems.notFound(sceneId))
                                : holders.hold(transaction, stored, "frame:" + frame.frameId(), scene.ownerId(), now))
                        .chain(() -> frames.insert(transaction, frame))
                        .chain(() -> scenes.advance(transaction, sceneId, now))
                        .chain(() -> queue.enqueue(transaction, NewJob.once(PublishFrameJob.KIND,
                                frame.frameId().toString(), scene.ownerId(),
                                Json.tree().put("sceneId", sceneId.toString()))))))
                .map(jobId -> new FrameAccepted(frame.frameId(), sceneId, cameraId, jobId, frame.blobRef(),
                        frame.width(), frame.height(), calibration))
                .invoke(accepted -> {
                    LOG.infof("Frame %s of scene %s camera %s: %dx%d %s", accepted.frameId(), sceneId, cameraId,
                            header.width(), header.height(), stored.ref());
                    workers.wake();
                });
    }

    /** A stored frame's image as it was uploaded. */
    public record FrameImage(String mediaType, byte[] bytes) {
    }

    /**
     * The image of one of a scene's frames, for its owner or an admin (the gateway's dashboard draws detections on
     * it). The blob is read on a worker thread; frames are at most {@code max-frame-bytes}.
     */
    public Uni<FrameImage> image(Caller caller, UUID sceneId, UUID frameId) {
        return scenes.find(pool, sceneId)
                .map(scene -> SceneProblems.requireVisible(scene, sceneId, caller))
                .chain(scene -> frames.find(pool, frameId))
                .map(frame -> {
                    if (frame == null || !frame.sceneId().equals(sceneId)) {
                        throw new ProblemException(Problem.ofType("frame-not-found", 404, "No such frame",
                                "Scene " + sceneId + " has no frame " + frameId));
                    }
                    return frame;
                })
                .chain(frame -> Uni.createFrom().item(() -> {
                    try (InputStream in = blobs.open(BlobRef.parse(frame.blobRef()))) {
                        return new FrameImage(frame.format().mediaType(), in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }
}
