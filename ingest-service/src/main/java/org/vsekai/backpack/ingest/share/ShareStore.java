package org.vsekai.backpack.ingest.share;

import static org.vsekai.backpack.ingest.sql.Times.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.ingest.sql.Times;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code scene_shares} table (V10). */
@ApplicationScoped
public class ShareStore {

    /** Shares {@code sceneId} with {@code userId}; false when it already was (the first grant stands). */
    public Uni<Boolean> insert(SqlClient client, UUID sceneId, String userId, String sharedBy, Instant at) {
        return client.preparedQuery("INSERT INTO scene_shares (scene_id, user_id, shared_by, created_at) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (scene_id, user_id) DO NOTHING")
                .execute(Tuple.of(sceneId, userId, sharedBy, utc(at))).map(rows -> rows.rowCount() == 1);
    }

    /** Whether a share was removed. */
    public Uni<Boolean> delete(SqlClient client, UUID sceneId, String userId) {
        return client.preparedQuery("DELETE FROM scene_shares WHERE scene_id = $1 AND user_id = $2")
                .execute(Tuple.of(sceneId, userId)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> exists(SqlClient client, UUID sceneId, String userId) {
        return client.preparedQuery("SELECT 1 FROM scene_shares WHERE scene_id = $1 AND user_id = $2")
                .execute(Tuple.of(sceneId, userId)).map(rows -> rows.size() > 0);
    }

    public Uni<Long> count(SqlClient client, UUID sceneId) {
        return client.preparedQuery("SELECT count(*) AS n FROM scene_shares WHERE scene_id = $1")
                .execute(Tuple.of(sceneId)).map(rows -> rows.iterator().next().getLong("n"));
    }

    public Uni<List<SceneShares.Share>> ofScene(SqlClient client, UUID sceneId) {
        return client.preparedQuery("SELECT user_id, shared_by, created_at FROM scene_shares WHERE scene_id = $1 "
                        + "ORDER BY created_at DESC, user_id")
                .execute(Tuple.of(sceneId)).map(rows -> {
                    List<SceneShares.Share> shares = new ArrayList<>();
                    for (Row row : rows) {
                        shares.add(new SceneShares.Share(row.getString("user_id"), row.getString("shared_by"),
                                Times.instant(row, "created_at")));
                    }
                    return shares;
                });
    }
}
