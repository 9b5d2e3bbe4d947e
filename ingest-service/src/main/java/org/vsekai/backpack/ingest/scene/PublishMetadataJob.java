package org.vsekai.backpack.ingest.scene;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.ingest.deadletter.DeadLetterJob;
import org.vsekai.backpack.ingest.queue.Job;
import org.vsekai.backpack.ingest.queue.JobHandler;
import org.vsekai.backpack.ingest.sql.Times;
import org.vsekai.backpack.kit.outbox.Outbox;
import org.vsekai.backpack.kit.outbox.OutboxRelay;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Publishes a parsed scene's XMP packets on {@code scene-metadata} (keyed by scene id, each with the objects it is
 * attached to) through the outbox, in the transaction that makes the scene METADATA_PUBLISHED. The event id derives
 * from the scene, so a repeat is the same event to the metadata-service, which stores it once. A scene without
 * packets publishes an empty list: the metadata-service then holds none for it.
 */
@ApplicationScoped
public class PublishMetadataJob implements JobHandler {

    private final SceneStore scenes;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final DeadLetterJob deadLetters;

    public PublishMetadataJob(SceneStore scenes, Outbox outbox, OutboxRelay relay, DeadLetterJob deadLetters) {
        this.scenes = scenes;
        this.outbox = outbox;
        this.relay = relay;
        this.deadLetters = deadLetters;
    }

    @Override
    public String kind() {
        return SceneJobs.PUBLISH_METADATA;
    }

    @Override
    public Uni<Void> perform(Job job, SqlConnection transaction) {
        UUID sceneId = UUID.fromString(job.subject());
        return scenes.lock(transaction, sceneId).chain(scene -> {
            if (scene == null || scene.state() == SceneState.FAILED) {
                return Uni.createFrom().voidItem();
            }
            var now = Times.now();
            return outbox.add(transaction, Topics.SCENE_METADATA_NAME, sceneId.toString(), event(scene))
                    .chain(() -> scenes.markMetadataPublished(transaction, sceneId, now))
                    .chain(() -> scenes.advance(transaction, sceneId, now))
                    .replaceWithVoid();
        });
    }

    @Override
    public void completed(Job job) {
        relay.wake();
    }

    @Override
    public Uni<Void> discarded(Job job, String reason, SqlConnection transaction) {
        return deadLetters.enqueue(transaction, job, Topics.SCENE_METADATA_NAME, job.subject(), reason);
    }

    static SceneMetadata event(Scene scene) {
        UUID eventId = UUID.nameUUIDFromBytes(("scene-metadata/" + scene.id()).getBytes(StandardCharsets.UTF_8));
        return new SceneMetadata(SceneMetadata.CURRENT_VERSION, eventId, scene.id(), scene.ownerId(), scene.packets());
    }
}
