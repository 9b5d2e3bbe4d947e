package org.vsekai.backpack.ingest.scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneUploaded;
import org.vsekai.backpack.ingest.deadletter.DeadLetterJob;
import org.vsekai.backpack.ingest.queue.Job;
import org.vsekai.backpack.ingest.queue.JobHandler;
import org.vsekai.backpack.ingest.queue.JobQueue;
import org.vsekai.backpack.ingest.queue.PoisonInputException;
import org.vsekai.backpack.ingest.sql.Times;
import org.vsekai.backpack.kit.outbox.Outbox;
import org.vsekai.backpack.kit.outbox.OutboxRelay;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Parses and extracts a stored scene: its cameras and XMP packets are stored, it becomes PARSED (its upload
 * EXTRACTED), its metadata is queued for publishing and {@code scene-uploaded} announces it with its camera count.
 * A file the reader refuses, or a blob that is gone, is poison: the scene FAILS with the reason and a dead letter
 * goes to {@code scene-uploaded.dlq}.
 */
@ApplicationScoped
public class ParseSceneJob implements JobHandler {

    private final SceneStore scenes;
    private final SceneReader reader;
    private final JobQueue queue;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final DeadLetterJob deadLetters;

    public ParseSceneJob(SceneStore scenes, SceneReader reader, JobQueue queue, Outbox outbox, OutboxRelay relay,
                         DeadLetterJob deadLetters) {
        this.scenes = scenes;
        this.reader = reader;
        this.queue = queue;
        this.outbox = outbox;
        this.relay = relay;
        this.deadLetters = deadLetters;
    }

    @Override
    public String kind() {
        return SceneJobs.PARSE;
    }

    @Override
    public Uni<Void> perform(Job job, SqlConnection transaction) {
        UUID sceneId = UUID.fromString(job.subject());
        return scenes.lock(transaction, sceneId).chain(scene -> {
            if (scene == null || scene.state() == SceneState.FAILED) {
                return Uni.createFrom().voidItem(); // erased, or failed before: nothing to do
            }
            return Uni.createFrom().item(() -> read(scene)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(content -> {
                        var now = Times.now();
                        return scenes.storeContent(transaction, scene, content, now)
                                .chain(() -> scenes.advance(transaction, sceneId, now))
                                .chain(() -> queue.enqueue(transaction,
                                        SceneJobs.publishMetadata(sceneId, scene.ownerId())))
                                .chain(() -> outbox.add(transaction, Topics.SCENE_UPLOADED_NAME, sceneId.toString(),
                                        announcement(scene, content.cameras().size(), now)));
                    });
        });
    }

    @Override
    public void completed(Job job) {
        relay.wake();
    }

    @Override
    public Uni<Void> discarded(Job job, String reason, SqlConnection transaction) {
        UUID sceneId = UUID.fromString(job.subject());
        return scenes.lock(transaction, sceneId).chain(scene -> scene == null ? Uni.createFrom().voidItem()
                : scenes.markFailed(transaction, scene, reason, Times.now())
                        .chain(() -> deadLetters.enqueue(transaction, job, Topics.SCENE_UPLOADED_NAME,
                                sceneId.toString(), reason)));
    }

    private SceneContent read(Scene scene) {
        try {
            return reader.read(scene.blob(), scene.format());
        } catch (NoSuchFileException e) {
            throw new PoisonInputException("the scene's blob " + scene.blob() + " is gone", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SceneUploaded announcement(Scene scene, int cameras, java.time.Instant at) {
        UUID eventId = UUID.nameUUIDFromBytes(("scene-uploaded/" + scene.id()).getBytes(StandardCharsets.UTF_8));
        return new SceneUploaded(SceneUploaded.CURRENT_VERSION, eventId, scene.id(), scene.ownerId(),
                scene.blob().uri(), scene.format(), scene.sizeBytes(), cameras, at);
    }
}
