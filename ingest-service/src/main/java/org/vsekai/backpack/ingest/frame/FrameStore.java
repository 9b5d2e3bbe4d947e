package org.vsekai.backpack.ingest.frame;

import static org.vsekai.backpack.ingest.sql.Times.instant;
import static org.vsekai.backpack.ingest.sql.Times.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.FrameFormat;
import org.vsekai.backpack.ingest.sql.Json;
import org.vsekai.backpack.kit.blob.BlobRef;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
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
                .map(rows -> {
                    List<Frame> frames = new ArrayList<>();
                    for (Row row : rows) {
                        frames.add(frame(row));
                    }
                    return frames;
                });
    }

    /** Marks the frame analysed (once); its scene's id, or null when there is no such frame. */
    public Uni<UUID> markAnalysed(SqlClient transaction, UUID frameId, Instant at) {
        return transaction.preparedQuery("UPDATE scene_frames SET analysed_at = COALESCE(analysed_at, $2) "
                        + "WHERE id = $1 RETURNING scene_id")
                .execute(Tuple.of(frameId, utc(at)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("scene_id"));
    }

    private static Frame frame(Row row) {
        return new Frame(row.getUUID("id"), row.getUUID("scene_id"), row.getString("camera_id"),
                row.getString("owner_id"), new BlobRef(row.getString("blob_sha256")).uri(),
                FrameFormat.valueOf(row.getString("format")), row.getInteger("width"), row.getInteger("height"),
                Json.read(row.getString("calibration"), CameraCalibration.class), instant(row, "captured_at"),
                instant(row, "received_at"), instant(row, "analysed_at"));
    }
}
