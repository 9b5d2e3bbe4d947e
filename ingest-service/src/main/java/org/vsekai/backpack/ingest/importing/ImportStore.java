package org.vsekai.backpack.ingest.importing;

import static org.vsekai.backpack.ingest.sql.Times.instant;
import static org.vsekai.backpack.ingest.sql.Times.utc;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.kit.blob.BlobRef;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code imports} table. */
@ApplicationScoped
public class ImportStore {

    private static final String COLUMNS = "id, owner_id, blob_sha256, size_bytes, bytes_done, lines_done, "
            + "rows_written, lines_failed, last_error, created_at, updated_at, finished_at";

    public Uni<Void> insert(SqlClient client, UUID id, String ownerId, BlobRef blob, long size, Instant at) {
        return client.preparedQuery("INSERT INTO imports (id, owner_id, blob_sha256, size_bytes, bytes_done, "
                        + "lines_done, rows_written, lines_failed, created_at, updated_at) "
                        + "VALUES ($1, $2, $3, $4, 0, 0, 0, 0, $5, $5)")
                .execute(Tuple.of(id, ownerId, blob.sha256(), size, utc(at))).replaceWithVoid();
    }

    public Uni<ImportProgress> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM imports WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : progress(rows.iterator().next()));
    }

    /** The import, locked for this chunk's transaction; or null. */
    public Uni<ImportProgress> lock(SqlClient transaction, UUID id) {
        return transaction.preparedQuery("SELECT " + COLUMNS + " FROM imports WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : progress(rows.iterator().next()));
    }

    /** Moves the cursor past one chunk and counts what it did. */
    public Uni<Void> advance(SqlClient transaction, UUID id, long bytesDone, long lines, long rows, long failed,
                             String lastError, boolean finished, Instant at) {
        return transaction.preparedQuery("UPDATE imports SET bytes_done = $2, lines_done = lines_done + $3, "
                        + "rows_written = rows_written + $4, lines_failed = lines_failed + $5, "
                        + "last_error = COALESCE($6, last_error), updated_at = $7, finished_at = $8 WHERE id = $1")
                .execute(Tuple.tuple(Arrays.asList(id, bytesDone, lines, rows, failed, lastError, utc(at),
                        finished ? utc(at) : null)))
                .replaceWithVoid();
    }

    private static ImportProgress progress(Row row) {
        return new ImportProgress(row.getUUID("id"), row.getString("owner_id"),
                new BlobRef(row.getString("blob_sha256")).uri(), row.getLong("size_bytes"), row.getLong("bytes_done"),
                row.getLong("lines_done"), row.getLong("rows_written"), row.getLong("lines_failed"),
                row.getString("last_error"), instant(row, "created_at"), instant(row, "updated_at"),
                instant(row, "finished_at"));
    }
}
