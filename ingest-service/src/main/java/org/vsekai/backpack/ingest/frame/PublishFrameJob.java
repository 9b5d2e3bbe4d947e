package org.vsekai.backpack.ingest.frame;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.ingest.deadletter.DeadLetterJob;
import org.vsekai.backpack.ingest.queue.Job;
import org.vsekai.backpack.ingest.queue.JobHandler;
import org.vsekai.backpack.kit.outbox.Outbox;
import org.vsekai.backpack.kit.outbox.OutboxRelay;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Announces a stored frame on {@code camera-frames} (keyed by scene id) with its camera's calibration for its size,
 * for the vision-service, which reads the image from the shared blob store by its {@code blobRef}. The event id
 * derives from the frame, so a repeat is the same event.
 */
@ApplicationScoped
public class PublishFrameJob implements JobHandler {

    public static final String KIND = "publish-frame";

    private final FrameStore frames;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final DeadLetterJob deadLetters;

    public PublishFrameJob(FrameStore frames, Outbox outbox, OutboxRelay relay, DeadLetterJob deadLetters) {
        this.frames = frames;
        this.outbox = outbox;
        this.relay = relay;
        this.deadLetters = deadLetters;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Void> perform(Job job, SqlConnection transaction) {
        return frames.find(transaction, UUID.fromString(job.subject())).chain(frame -> frame == null
                ? Uni.createFrom().voidItem() // erased meanwhile
                : outbox.add(transaction, Topics.CAMERA_FRAMES_NAME, frame.sceneId().toString(), event(frame)));
    }

    @Override
    public void completed(Job job) {
        relay.wake();
    }

    @Override
    public Uni<Void> discarded(Job job, String reason, SqlConnection transaction) {
        return deadLetters.enqueue(transaction, job, Topics.CAMERA_FRAMES_NAME, job.subject(), reason);
    }

    static CameraFrame event(Frame frame) {
        UUID eventId = UUID.nameUUIDFromBytes(("camera-frame/" + frame.frameId()).getBytes(StandardCharsets.UTF_8));
        return new CameraFrame(CameraFrame.CURRENT_VERSION, eventId, frame.sceneId(), frame.frameId(),
                frame.blobRef(), frame.camera(), frame.calibration(), frame.width(), frame.height(),
                frame.capturedAt());
    }
}
