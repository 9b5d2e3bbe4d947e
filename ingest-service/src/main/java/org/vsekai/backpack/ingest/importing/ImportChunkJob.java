package org.vsekai.backpack.ingest.importing;

import static org.vsekai.backpack.ingest.sql.Times.utc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.ingest.config.IngestLimits;
import org.vsekai.backpack.ingest.importing.ImportLine.Invalid;
import org.vsekai.backpack.ingest.importing.ImportLine.SceneMetadataLine;
import org.vsekai.backpack.ingest.importing.ImportLine.SceneReference;
import org.vsekai.backpack.ingest.job.JobState;
import org.vsekai.backpack.ingest.queue.Job;
import org.vsekai.backpack.ingest.queue.JobHandler;
import org.vsekai.backpack.ingest.queue.JobQueue;
import org.vsekai.backpack.ingest.queue.NewJob;
import org.vsekai.backpack.ingest.queue.PoisonInputException;
import org.vsekai.backpack.ingest.scene.SceneJobs;
import org.vsekai.backpack.ingest.scene.SceneState;
import org.vsekai.backpack.ingest.sql.Json;
import org.vsekai.backpack.ingest.sql.Times;
import org.vsekai.backpack.kit.blob.BlobRef;
import org.vsekai.backpack.kit.blob.BlobStore;
import org.vsekai.backpack.kit.outbox.Outbox;
import org.vsekai.backpack.kit.outbox.OutboxRelay;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One chunk of a batch import: up to {@code import-chunk} lines from the committed cursor, their rows, the moved
 * cursor and the next chunk's job, all in this job's one transaction. A crash or a lost claim rolls the chunk back
 * whole, and the next attempt starts from the same cursor; rows have ids derived from the import and the line
 * ({@link ImportLine}) and are inserted only when absent, so nothing is written twice. Progress is logged per chunk.
 */
@ApplicationScoped
public class ImportChunkJob implements JobHandler {

    public static final String KIND = "import-chunk";
    private static final Logger LOG = Logger.getLogger(ImportChunkJob.class);
    private static final int MAX_LINE_BYTES = 1 << 20;

    private final ImportStore imports;
    private final BlobStore blobs;
    private final JobQueue queue;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final IngestLimits limits;

    public ImportChunkJob(ImportStore imports, BlobStore blobs, JobQueue queue, Outbox outbox, OutboxRelay relay,
                          IngestLimits limits) {
        this.imports = imports;
        this.blobs = blobs;
        this.queue = queue;
        this.outbox = outbox;
        this.relay = relay;
        this.limits = limits;
    }

    @Override
    public String kind() {
        return KIND;
    }

    static NewJob chunk(UUID importId, String ownerId) {
        return new NewJob(KIND, importId.toString(), false, ownerId, Json.tree().put("importId", importId.toString()),
                0);
    }

    /** The lines read, the cursor after them, and whether the file ended. */
    record Chunk(List<ImportLine> lines, long bytesDone, boolean ended) {
    }

    @Override
    public Uni<Void> perform(Job job, SqlConnection transaction) {
        UUID importId = UUID.fromString(job.subject());
        return imports.lock(transaction, importId).chain(progress -> {
            if (progress == null || progress.finishedAt() != null) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().item(() -> read(importId, progress))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(chunk -> write(transaction, importId, progress, chunk));
        });
    }

    @Override
    public void completed(Job job) {
        relay.wake();
    }

    private Uni<Void> write(SqlConnection transaction, UUID importId, ImportProgress progress, Chunk chunk) {
        Instant now = Times.now();
        List<SceneReference> references = new ArrayList<>();
        List<SceneMetadataLine> metadata = new ArrayList<>();
        List<Invalid> invalid = new ArrayList<>();
        for (ImportLine line : chunk.lines()) {
            if (line instanceof SceneReference reference) {
                references.add(reference);
            } else if (line instanceof SceneMetadataLine packets) {
                metadata.add(packets);
            } else {
                invalid.add((Invalid) line);
            }
        }
        return scenes(transaction, references, now)
                .chain(scenes -> Multi.createFrom().iterable(metadata)
                        .onItem().transformToUniAndConcatenate(line -> outbox.add(transaction,
                                Topics.SCENE_METADATA_NAME, line.sceneId().toString(), event(importId, line)))
                        .collect().asList()
                        .replaceWith(scenes + metadata.size()))
                .chain(rows -> {
                    String lastError = invalid.isEmpty() ? null : invalid.get(invalid.size() - 1).reason();
                    long linesDone = progress.linesDone() + chunk.lines().size();
                    long rowsWritten = progress.rowsWritten() + rows;
                    Duration spent = Duration.between(progress.createdAt(), now);
                    LOG.infof("Import %s: %d lines read (%d of %d bytes), %d rows written, %d lines skipped; "
                                    + "%.0f rows/s%s", importId, linesDone, chunk.bytesDone(), progress.sizeBytes(),
                            rowsWritten, progress.linesFailed() + invalid.size(),
                            rowsWritten * 1000.0 / Math.max(1, spent.toMillis()), chunk.ended() ? "; finished" : "");
                    return imports.advance(transaction, importId, chunk.bytesDone(), chunk.lines().size(), rows,
                                    invalid.size(), lastError, chunk.ended(), now)
                            .chain(() -> chunk.ended() ? Uni.createFrom().voidItem()
                                    : queue.enqueue(transaction, chunk(importId, progress.ownerId())).replaceWithVoid());
                });
    }

    /** Scenes not there yet, with their upload jobs, blob holders and parse jobs; how many were new. */
    private Uni<Integer> scenes(SqlConnection transaction, List<SceneReference> references, Instant now) {
        if (references.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = new ArrayList<>();
        for (SceneReference reference : references) {
            rows.add(Tuple.from(List.of(reference.sceneId(), reference.ownerId(), UUID.nameUUIDFromBytes(
                            ("upload/" + reference.sceneId()).getBytes(StandardCharsets.UTF_8)),
                    reference.blob().sha256(), reference.format().name(), reference.sizeBytes(),
                    SceneState.STORED.name(), utc(now))));
        }
        return transaction.preparedQuery("INSERT INTO scenes (id, owner_id, upload_id, blob_sha256, format, "
                        + "size_bytes, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) "
                        + "ON CONFLICT DO NOTHING RETURNING id, owner_id, upload_id, blob_sha256, size_bytes")
                .executeBatch(rows)
                .chain(inserted -> {
                    List<Row> fresh = new ArrayList<>();
                    for (RowSet<Row> set = inserted; set != null; set = set.next()) {
                        set.forEach(fresh::add);
                    }
                    return fresh.isEmpty() ? Uni.createFrom().item(0) : dependents(transaction, fresh, now)
                            .replaceWith(fresh.size());
                });
    }

    private Uni<Void> dependents(SqlConnection transaction, List<Row> scenes, Instant now) {
        List<Tuple> uploads = new ArrayList<>();
        List<Tuple> blobRows = new ArrayList<>();
        List<Tuple> holders = new ArrayList<>();
        List<NewJob> parses = new ArrayList<>();
        for (Row scene : scenes) {
            UUID id = scene.getUUID("id");
            String owner = scene.getString("owner_id");
            uploads.add(Tuple.of(scene.getUUID("upload_id"), id, owner, JobState.STORED.name(), utc(now)));
            blobRows.add(Tuple.of(scene.getString("blob_sha256"), scene.getLong("size_bytes"), utc(now)));
            holders.add(Tuple.of(scene.getString("blob_sha256"), "scene:" + id, owner));
            parses.add(SceneJobs.parse(id, owner));
        }
        return transaction.preparedQuery("INSERT INTO upload_jobs (id, scene_id, owner_id, state, created_at, "
                        + "updated_at) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT DO NOTHING").executeBatch(uploads)
                .chain(() -> transaction.preparedQuery("INSERT INTO blobs (sha256, size_bytes, stored_at) "
                        + "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING").executeBatch(blobRows))
                .chain(() -> transaction.preparedQuery("INSERT INTO blob_holders (sha256, holder, owner_id) "
                        + "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING").executeBatch(holders))
                .chain(() -> queue.enqueueAll(transaction, parses));
    }

    /** Reads the chunk's lines from the cursor; scene references to blobs the store lacks become invalid lines. */
    private Chunk read(UUID importId, ImportProgress progress) {
        BlobRef blob = BlobRef.parse(progress.blobRef());
        List<ImportLine> lines = new ArrayList<>();
        long position = progress.bytesDone();
        long number = progress.linesDone();
        boolean ended = false;
        try (InputStream in = blobs.open(blob)) {
            in.skipNBytes(position);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (lines.size() < limits.importChunk()) {
                int c = in.read();
                if (c < 0) {
                    ended = true;
                    if (line.size() > 0) {
                        lines.add(resolve(ImportLine.parse(importId, ++number, line.toByteArray())));
                    }
                    break;
                }
                position++;
                if (c == '\n') {
                    if (line.size() > 0 && !isBlank(line)) {
                        lines.add(resolve(line.size() > MAX_LINE_BYTES
                                ? new Invalid(number + 1, "line " + (number + 1) + " is longer than "
                                + MAX_LINE_BYTES + " bytes")
                                : ImportLine.parse(importId, number + 1, line.toByteArray())));
                        number++;
                    }
                    line.reset();
                } else if (line.size() <= MAX_LINE_BYTES) {
                    line.write(c);
                }
            }
        } catch (NoSuchFileException e) {
            throw new PoisonInputException("the import's file " + blob + " is gone", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Chunk(lines, position, ended);
    }

    private ImportLine resolve(ImportLine line) {
        if (!(line instanceof SceneReference reference)) {
            return line;
        }
        try {
            if (!blobs.exists(reference.blob())) {
                return new Invalid(line.number(), "line " + line.number() + ": the blob store has no "
                        + reference.blob());
            }
            return reference.withSize(blobs.size(reference.blob()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(ByteArrayOutputStream line) {
        return line.toString(StandardCharsets.UTF_8).isBlank();
    }

    private static SceneMetadata event(UUID importId, SceneMetadataLine line) {
        UUID eventId = UUID.nameUUIDFromBytes(("import/" + importId + "/" + line.number())
                .getBytes(StandardCharsets.UTF_8));
        return new SceneMetadata(SceneMetadata.CURRENT_VERSION, eventId, line.sceneId(), line.ownerId(),
                line.packets());
    }
}
