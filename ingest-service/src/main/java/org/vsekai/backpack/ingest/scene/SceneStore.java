package org.vsekai.backpack.ingest.scene;

import static org.vsekai.backpack.ingest.sql.Times.instant;
import static org.vsekai.backpack.ingest.sql.Times.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.ingest.camera.SceneCamera;
import org.vsekai.backpack.ingest.job.JobState;
import org.vsekai.backpack.ingest.sql.Json;
import org.vsekai.backpack.kit.blob.BlobRef;

import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code scenes}, {@code scene_cameras} and {@code upload_jobs} rows of a scene, through the caller's client (a
 * transaction's connection when several writes belong together). SQL that PostgreSQL and CockroachDB both run.
 */
@ApplicationScoped
public class SceneStore {

    private static final TypeReference<List<XmpPacket>> PACKETS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, owner_id, upload_id, blob_sha256, format, size_bytes, state, error, "
            + "camera_count, packets, ignored_uris, created_at, updated_at, parsed_at, metadata_published_at, "
            + "indexed_at";

    /** A new STORED scene and its upload job (STORED too: its file is in the blob store). */
    public Uni<Void> insert(SqlClient client, Scene scene) {
        return client.preparedQuery("INSERT INTO scenes (id, owner_id, upload_id, blob_sha256, format, size_bytes, "
                        + "state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)")
                .execute(Tuple.tuple(Arrays.asList(scene.id(), scene.ownerId(), scene.uploadId(), scene.blob().sha256(),
                        scene.format().name(), scene.sizeBytes(), scene.state().name(), utc(scene.createdAt()))))
                .chain(() -> client.preparedQuery("INSERT INTO upload_jobs (id, scene_id, owner_id, state, created_at, "
                                + "updated_at) VALUES ($1, $2, $3, $4, $5, $5)")
                        .execute(Tuple.of(scene.uploadId(), scene.id(), scene.ownerId(), JobState.STORED.name(),
                                utc(scene.createdAt()))))
                .replaceWithVoid();
    }

    /** The scene, or null. */
    public Uni<Scene> find(SqlClient client, UUID id) {
        return one(client.preparedQuery("SELECT " + COLUMNS + " FROM scenes WHERE id = $1").execute(Tuple.of(id)));
    }

    /** The scene, locked for this transaction (its milestones change one transaction at a time); or null. */
    public Uni<Scene> lock(SqlClient transaction, UUID id) {
        return one(transaction.preparedQuery("SELECT " + COLUMNS + " FROM scenes WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id)));
    }

    /** The owner's scene of these bytes, or null: the same bytes from the same owner are the same scene. */
    public Uni<Scene> ofContent(SqlClient client, String ownerId, BlobRef blob) {
        return one(client.preparedQuery("SELECT " + COLUMNS + " FROM scenes WHERE owner_id = $1 AND blob_sha256 = $2")
                .execute(Tuple.of(ownerId, blob.sha256())));
    }

    /** Stores what parsing found: cameras (replacing any), packets, references; the upload becomes EXTRACTED. */
    public Uni<Void> storeContent(SqlClient transaction, Scene scene, SceneContent content, Instant at) {
        List<Tuple> cameras = new ArrayList<>();
        for (SceneCamera camera : content.cameras()) {
            cameras.add(Tuple.tuple(Arrays.asList(scene.id(), camera.id(), camera.name(), Json.write(camera))));
        }
        Uni<Void> cleared = transaction.preparedQuery("DELETE FROM scene_cameras WHERE scene_id = $1")
                .execute(Tuple.of(scene.id())).replaceWithVoid();
        Uni<Void> inserted = cameras.isEmpty() ? Uni.createFrom().voidItem() : transaction.preparedQuery(
                        "INSERT INTO scene_cameras (scene_id, camera_id, name, camera) VALUES ($1, $2, $3, $4)")
                .executeBatch(cameras).replaceWithVoid();
        return cleared.chain(() -> inserted)
                .chain(() -> transaction.preparedQuery("UPDATE scenes SET camera_count = $2, packets = $3, "
                                + "ignored_uris = $4, parsed_at = $5, updated_at = $5 WHERE id = $1")
                        .execute(Tuple.of(scene.id(), content.cameras().size(), Json.write(content.packets()),
                                Json.write(content.references()), utc(at))))
                .chain(() -> uploadState(transaction, scene.uploadId(), JobState.EXTRACTED, null, at));
    }

    public Uni<Void> markMetadataPublished(SqlClient transaction, UUID sceneId, Instant at) {
        return transaction.preparedQuery("UPDATE scenes SET metadata_published_at = $2, updated_at = $2 "
                        + "WHERE id = $1 AND metadata_published_at IS NULL")
                .execute(Tuple.of(sceneId, utc(at))).replaceWithVoid();
    }

    public Uni<Void> markIndexed(SqlClient transaction, UUID sceneId, Instant at) {
        return transaction.preparedQuery("UPDATE scenes SET indexed_at = $2, updated_at = $2 "
                        + "WHERE id = $1 AND indexed_at IS NULL")
                .execute(Tuple.of(sceneId, utc(at))).replaceWithVoid();
    }

    /** The scene cannot be processed: FAILED with the reason, its upload too. */
    public Uni<Void> markFailed(SqlClient transaction, Scene scene, String reason, Instant at) {
        return transaction.preparedQuery("UPDATE scenes SET state = 'FAILED', error = $2, updated_at = $3 "
                        + "WHERE id = $1")
                .execute(Tuple.of(scene.id(), reason, utc(at)))
                .chain(() -> uploadState(transaction, scene.uploadId(), JobState.FAILED, reason, at));
    }

    /**
     * Sets the scene's state from its milestones ({@link SceneWorkflow}); call with the scene locked in the same
     * transaction as the milestone that changed.
     */
    public Uni<SceneState> advance(SqlClient transaction, UUID sceneId, Instant at) {
        return transaction.preparedQuery("SELECT s.state, s.parsed_at, s.metadata_published_at, s.indexed_at, "
                        + "(SELECT count(*) FROM scene_frames f WHERE f.scene_id = s.id) AS frames, "
                        + "(SELECT count(*) FROM scene_frames f WHERE f.scene_id = s.id AND f.analysed_at IS NOT NULL)"
                        + " AS analysed FROM scenes s WHERE s.id = $1")
                .execute(Tuple.of(sceneId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    SceneState state = SceneWorkflow.stateOf(new SceneWorkflow.Milestones(
                            SceneState.FAILED.name().equals(row.getString("state")),
                            row.getValue("parsed_at") != null, row.getValue("metadata_published_at") != null,
                            row.getLong("frames"), row.getLong("analysed"), row.getValue("indexed_at") != null));
                    return transaction.preparedQuery("UPDATE scenes SET state = $2, updated_at = $3 WHERE id = $1 "
                                    + "AND state <> $2")
                            .execute(Tuple.of(sceneId, state.name(), utc(at))).replaceWith(state);
                });
    }

    public Uni<List<StoredCamera>> cameras(SqlClient client, UUID sceneId) {
        return client.preparedQuery("SELECT camera_id, name, camera FROM scene_cameras WHERE scene_id = $1 "
                        + "ORDER BY camera_id")
                .execute(Tuple.of(sceneId))
                .map(rows -> {
                    List<StoredCamera> cameras = new ArrayList<>();
                    for (Row row : rows) {
                        cameras.add(camera(row));
                    }
                    return cameras;
                });
    }

    /** One camera of the scene, or null. */
    public Uni<StoredCamera> camera(SqlClient client, UUID sceneId, String cameraId) {
        return client.preparedQuery("SELECT camera_id, name, camera FROM scene_cameras WHERE scene_id = $1 "
                        + "AND camera_id = $2")
                .execute(Tuple.of(sceneId, cameraId))
                .map(rows -> rows.size() == 0 ? null : camera(rows.iterator().next()));
    }

    private static StoredCamera camera(Row row) {
        return new StoredCamera(row.getString("camera_id"), row.getString("name"),
                Json.read(row.getString("camera"), SceneCamera.class));
    }

    private static Uni<Void> uploadState(SqlClient client, UUID uploadId, JobState state, String error, Instant at) {
        return client.preparedQuery("UPDATE upload_jobs SET state = $2, error = $3, updated_at = $4 WHERE id = $1")
                .execute(Tuple.tuple(Arrays.asList(uploadId, state.name(), error, utc(at)))).replaceWithVoid();
    }

    private static Uni<Scene> one(Uni<RowSet<Row>> query) {
        return query.map(rows -> rows.size() == 0 ? null : scene(rows.iterator().next()));
    }

    static Scene scene(Row row) {
        List<XmpPacket> packets = Json.read(row.getString("packets"), PACKETS);
        List<String> references = Json.read(row.getString("ignored_uris"), STRINGS);
        return new Scene(row.getUUID("id"), row.getString("owner_id"), row.getUUID("upload_id"),
                new BlobRef(row.getString("blob_sha256")), SceneFormat.valueOf(row.getString("format")),
                row.getLong("size_bytes"), SceneState.valueOf(row.getString("state")), row.getString("error"),
                row.getInteger("camera_count"), packets == null ? List.of() : packets,
                references == null ? List.of() : references, instant(row, "created_at"), instant(row, "updated_at"),
                instant(row, "parsed_at"), instant(row, "metadata_published_at"), instant(row, "indexed_at"));
    }
}
