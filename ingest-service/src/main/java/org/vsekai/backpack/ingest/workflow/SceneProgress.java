package org.vsekai.backpack.ingest.workflow;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.ingest.frame.FrameFinding;
import org.vsekai.backpack.ingest.frame.FrameStore;
import org.vsekai.backpack.ingest.scene.SceneState;
import org.vsekai.backpack.ingest.scene.SceneStore;
import org.vsekai.backpack.kit.sql.ProcessedEvents;
import org.vsekai.backpack.kit.sql.TransactionRetry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The milestones other services' events bring (a frame analysed, a scene indexed), each applied once per event id
 * in one transaction with the scene's new state.
 */
@ApplicationScoped
public class SceneProgress {

    private final Pool pool;
    private final SceneStore scenes;
    private final FrameStore frames;

    public SceneProgress(Pool pool, SceneStore scenes, FrameStore frames) {
        this.pool = pool;
        this.scenes = scenes;
        this.frames = frames;
    }

    /**
     * The vision-service analysed a frame (a model's detections or poses): its finding is recorded and the frame
     * marked analysed, with the event id, in one transaction. The scene's state, or null when the frame is not ours
     * (or the event a repeat).
     */
    public Uni<SceneState> frameAnalysed(String topic, FrameFinding finding) {
        return frameAnalysed(topic, finding, transaction -> Uni.createFrom().voidItem());
    }

    /**
     * The same, with {@code also} run in the transaction once the scene's row is locked (the poses of a keypoints
     * event, assembled per scene one event at a time).
     */
    public Uni<SceneState> frameAnalysed(String topic, FrameFinding finding, Function<SqlClient, Uni<?>> also) {
        Instant at = finding.receivedAt();
        return TransactionRetry.retrying(() -> pool.withTransaction(transaction -> ProcessedEvents.once(transaction,
                finding.eventId(), topic, at, null, () -> frames.markAnalysed(transaction, finding.frameId(), at)
                        .chain(sceneId -> sceneId == null ? Uni.createFrom().<SceneState>nullItem()
                                : frames.recordFinding(transaction, finding)
                                        .chain(() -> scenes.lock(transaction, sceneId))
                                        .chain(() -> also.apply(transaction))
                                        .chain(() -> scenes.advance(transaction, sceneId, at))))));
    }

    /** The metadata-service announced the scene as an item; its state, or null when it is no scene of ours. */
    public Uni<SceneState> indexed(UUID eventId, String topic, UUID sceneId, Instant at) {
        return TransactionRetry.retrying(() -> pool.withTransaction(transaction -> ProcessedEvents.once(transaction,
                eventId, topic, at, null, () -> scenes.lock(transaction, sceneId).chain(scene -> scene == null
                        ? Uni.createFrom().<SceneState>nullItem()
                        : scenes.markIndexed(transaction, sceneId, at)
                                .chain(() -> scenes.advance(transaction, sceneId, at))))));
    }
}
