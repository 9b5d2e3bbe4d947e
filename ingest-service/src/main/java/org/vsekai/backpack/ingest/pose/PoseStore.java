package org.vsekai.backpack.ingest.pose;

import static org.vsekai.backpack.ingest.sql.Times.instant;
import static org.vsekai.backpack.ingest.sql.Times.utc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.ingest.sql.Json;

import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code poses} table, through the caller's client. */
@ApplicationScoped
public class PoseStore {

    private static final String COLUMNS = "id, scene_id, owner_id, method, frame_ids, person, score, captured_at, "
            + "points, reprojection_error, vector, invariant, created_at";
    private static final TypeReference<List<UUID>> FRAME_IDS = new TypeReference<>() {
    };
    private static final TypeReference<List<double[]>> POINTS = new TypeReference<>() {
    };

    /** Writes the pose unless its id is there already; whether it was written. */
    public Uni<Boolean> insert(SqlClient transaction, PoseRow pose) {
        return transaction.preparedQuery("INSERT INTO poses (" + COLUMNS + ", frame_id) VALUES ($1, $2, $3, $4, $5, "
                        + "$6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(Arrays.asList(pose.poseId(), pose.sceneId(), pose.ownerId(),
                        pose.method().column(), Json.write(pose.frameIds()), pose.person(), pose.score(),
                        utc(pose.capturedAt()), Json.write(pose.points()), pose.reprojectionError(),
                        bytes(pose.vector()), pose.invariant() == null ? null : bytes(pose.invariant()),
                        utc(pose.createdAt()),
                        pose.method() == PoseMethod.SINGLE_CAMERA_2D ? pose.frameIds().get(0) : null)))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Integer> delete(SqlClient transaction, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return transaction.preparedQuery("DELETE FROM poses WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(RowSet::rowCount);
    }

    /** The 2D poses of these frames. */
    public Uni<List<PoseRow>> planarOfFrames(SqlClient client, List<UUID> frameIds) {
        if (frameIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return query(client, "SELECT " + COLUMNS + " FROM poses WHERE frame_id = ANY($1) ORDER BY frame_id, person",
                Tuple.of(frameIds.toArray(UUID[]::new)));
    }

    /** The scene's 3D poses captured from {@code from} to {@code to}. */
    public Uni<List<PoseRow>> spatialBetween(SqlClient client, UUID sceneId, Instant from, Instant to) {
        return query(client, "SELECT " + COLUMNS + " FROM poses WHERE scene_id = $1 AND method = $2 "
                        + "AND captured_at >= $3 AND captured_at <= $4",
                Tuple.of(sceneId, PoseMethod.TRIANGULATED_3D.column(), utc(from), utc(to)));
    }

    /** The pose, or null. */
    public Uni<PoseRow> find(SqlClient client, UUID poseId) {
        return query(client, "SELECT " + COLUMNS + " FROM poses WHERE id = $1", Tuple.of(poseId))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The body {@code person} of a frame as a 2D pose, or null. */
    public Uni<PoseRow> ofFrame(SqlClient client, UUID frameId, int person) {
        return query(client, "SELECT " + COLUMNS + " FROM poses WHERE frame_id = $1 AND person = $2",
                Tuple.of(frameId, person))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<List<PoseRow>> byIds(SqlClient client, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return query(client, "SELECT " + COLUMNS + " FROM poses WHERE id = ANY($1)",
                Tuple.of(ids.toArray(UUID[]::new)));
    }

    /** The scene's poses, in capture order, 3D before 2D at one instant. */
    public Uni<List<PoseRow>> ofScene(SqlClient client, UUID sceneId) {
        return query(client, "SELECT " + COLUMNS + " FROM poses WHERE scene_id = $1 "
                + "ORDER BY captured_at, method DESC, frame_ids, person", Tuple.of(sceneId));
    }

    /** Poses written after {@code after}, oldest first, at most {@code limit}: what the index reads as it refreshes. */
    public Uni<List<PoseRow>> writtenAfter(SqlClient client, Instant after, int limit) {
        return query(client, "SELECT " + COLUMNS + " FROM poses WHERE created_at > $1 ORDER BY created_at, id "
                + "LIMIT $2", Tuple.of(utc(after), limit));
    }

    public Uni<Long> deleteOwner(SqlClient transaction, String ownerId) {
        return transaction.preparedQuery("DELETE FROM poses WHERE owner_id = $1").execute(Tuple.of(ownerId))
                .map(rows -> (long) rows.rowCount());
    }

    private static Uni<List<PoseRow>> query(SqlClient client, String sql, Tuple arguments) {
        return client.preparedQuery(sql).execute(arguments).map(rows -> {
            List<PoseRow> poses = new ArrayList<>(rows.size());
            for (Row row : rows) {
                poses.add(pose(row));
            }
            return poses;
        });
    }

    private static PoseRow pose(Row row) {
        Buffer invariant = row.getBuffer("invariant");
        Double error = row.getDouble("reprojection_error");
        return new PoseRow(row.getUUID("id"), row.getUUID("scene_id"), row.getString("owner_id"),
                PoseMethod.of(row.getString("method")).orElseThrow(), Json.read(row.getString("frame_ids"), FRAME_IDS),
                row.getInteger("person"), row.getDouble("score"), instant(row, "captured_at"),
                Json.read(row.getString("points"), POINTS), error, floats(row.getBuffer("vector")),
                invariant == null ? null : floats(invariant), instant(row, "created_at"));
    }

    /** The core buffer: the Mutiny tuple passes its values to the driver as they are. */
    static io.vertx.core.buffer.Buffer bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        return io.vertx.core.buffer.Buffer.buffer(buffer.array());
    }

    static float[] floats(Buffer bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes.getBytes()).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[buffer.remaining() / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
        }
        return vector;
    }
}
