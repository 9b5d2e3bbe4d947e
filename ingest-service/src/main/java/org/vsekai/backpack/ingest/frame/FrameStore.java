package org.vsekai.backpack.ingest.frame;

import static org.vsekai.backpack.ingest.sql.Times.instant;
import static org.vsekai.backpack.ingest.sql.Times.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.FrameFormat;
import org.vsekai.backpack.ingest.sql.Json;
import org.vsekai.backpack.kit.blob.BlobRef;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code scene_frames} table, through the caller's client. */
@ApplicationScoped
public class FrameStore {

    private static final String COLUMNS = "id, scene_id, camera_id, owner_id, blob_sha256, format, width, height, "
            + "calibration, captured_at, received_at, analysed_at";

    public Uni<Void> insert(SqlClient client, Frame frame) {
        return client.preparedQuery("INSERT INTO scene_frames (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, "
                        + "$8, $9, $10, $11, NULL)")
                .execute(Tuple.from(List.of(frame.frameId(), frame.sceneId(), frame.camera(), frame.ownerId(),
                        BlobRef.parse(frame.blobRef()).sha256(), frame.format().name(), frame.width(), frame.height(),
                        Json.write(frame.calibration()), utc(frame.capturedAt()), utc(frame.receivedAt()))))
                .replaceWithVoid();
    }

    /** The frame, or null. */
    public Uni<Frame> find(SqlClient client, UUID frameId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM scene_frames WHERE id = $1").execute(Tuple.of(frameId))
                .map(rows -> rows.size() == 0 ? null : frame(rows.iterator().next()));
    }

    /** The scene's frames, oldest first. */
    public Uni<List<Frame>> ofScene(SqlClient client, UUID sceneId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM scene_frames WHERE scene_id = $1 "
                        + "ORDER BY received_at, id")
                .execute(Tuple.of(sceneId))
                .map(FrameStore::frames);
    }

    /** The scene's frames captured from {@code from} to {@code to} (both included), oldest first. */
    public Uni<List<Frame>> capturedBetween(SqlClient client, UUID sceneId, Instant from, Instant to) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM scene_frames WHERE scene_id = $1 "
                        + "AND captured_at >= $2 AND captured_at <= $3 ORDER BY captured_at, id")
                .execute(Tuple.of(sceneId, utc(from), utc(to)))
                .map(FrameStore::frames);
    }

    /** Marks the frame analysed (once); its scene's id, or null when there is no such frame. */
    public Uni<UUID> markAnalysed(SqlClient transaction, UUID frameId, Instant at) {
        return transaction.preparedQuery("UPDATE scene_frames SET analysed_at = COALESCE(analysed_at, $2) "
                        + "WHERE id = $1 RETURNING scene_id")
                .execute(Tuple.of(frameId, utc(at)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("scene_id"));
    }

    /**
     * Records what a model found in the frame, replacing that model's earlier finding for it; the frame must exist
     * (call after {@link #markAnalysed} answered its scene).
     */
    public Uni<Void> recordFinding(SqlClient transaction, FrameFinding finding) {
        return transaction.preparedQuery("INSERT INTO frame_findings (frame_id, model, kind, model_version, found, "
                        + "labels, event_id, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                        + "ON CONFLICT (frame_id, model) DO UPDATE SET kind = excluded.kind, "
                        + "model_version = excluded.model_version, found = excluded.found, labels = excluded.labels, "
                        + "event_id = excluded.event_id, received_at = excluded.received_at")
                .execute(Tuple.from(java.util.Arrays.asList(finding.frameId(), finding.model(), finding.kind().name(),
                        finding.modelVersion(), finding.found(), Json.write(finding.labels()), finding.eventId(),
                        utc(finding.receivedAt()))))
                .replaceWithVoid();
    }

    /** The findings of every frame of the scene, by frame id, each frame's in model order. */
    public Uni<Map<UUID, List<FrameFinding>>> findingsOfScene(SqlClient client, UUID sceneId) {
        return client.preparedQuery("SELECT f.frame_id, f.model, f.kind, f.model_version, f.found, f.labels, "
                        + "f.event_id, f.received_at FROM frame_findings f JOIN scene_frames s ON s.id = f.frame_id "
                        + "WHERE s.scene_id = $1 ORDER BY f.frame_id, f.model")
                .execute(Tuple.of(sceneId))
                .map(rows -> {
                    Map<UUID, List<FrameFinding>> byFrame = new LinkedHashMap<>();
                    for (Row row : rows) {
                        FrameFinding finding = new FrameFinding(row.getUUID("frame_id"), row.getString("model"),
                                row.getString("model_version"), FrameFinding.Kind.valueOf(row.getString("kind")),
                                row.getInteger("found"), List.of(Json.read(row.getString("labels"), String[].class)),
                                row.getUUID("event_id"), instant(row, "received_at"));
                        byFrame.computeIfAbsent(finding.frameId(), id -> new ArrayList<>()).add(finding);
                    }
                    return byFrame;
                });
    }

    private static List<Frame> frames(RowSet<Row> rows) {
        List<Frame> frames = new ArrayList<>(rows.size());
        for (Row row : rows) {
            frames.add(frame(row));
        }
        return frames;
    }

    private static Frame frame(Row row) {
        return new Frame(row.getUUID("id"), row.getUUID("scene_id"), row.getString("camera_id"),
                row.getString("owner_id"), new BlobRef(row.getString("blob_sha256")).uri(),
                FrameFormat.valueOf(row.getString("format")), row.getInteger("width"), row.getInteger("height"),
                Json.read(row.getString("calibration"), CameraCalibration.class), instant(row, "captured_at"),
                instant(row, "received_at"), instant(row, "analysed_at"));
    }
}
