package org.vsekai.backpack.recommender.training;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.recommendation.TrainingEvaluation;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.contracts.recommendation.TrainingState;
import org.vsekai.backpack.kit.sql.TransactionRetry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The training runs in the {@code training_jobs} table (Flyway {@code V4}; the evaluation figures {@code V6}), so that they outlive the process.
 * SQL that PostgreSQL and CockroachDB both run; a write that lost a serialization conflict runs again.
 */
@ApplicationScoped
public class TrainingJobRepository {

    private static final String COLUMNS = "id, state, triggered_by, requested_at, started_at, finished_at, "
            + "model_version, interactions, error, eval_algorithm, eval_ndcg_at_10, eval_precision_at_10, "
            + "eval_recall_at_10, eval_users, eval_skipped";
    private static final String INSERT = "INSERT INTO training_jobs (" + COLUMNS
            + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
    // Keeps the newest `kept` rows ($1 = kept - 1): with fewer rows the subquery is NULL and nothing goes.
    private static final String PRUNE = """
            DELETE FROM training_jobs
             WHERE requested_at < (SELECT requested_at FROM training_jobs
                                    ORDER BY requested_at DESC LIMIT 1 OFFSET $1)""";
    private static final String UPDATE = """
            UPDATE training_jobs
               SET state = $2, started_at = $3, finished_at = $4, model_version = $5, interactions = $6, error = $7,
                   eval_algorithm = $8, eval_ndcg_at_10 = $9, eval_precision_at_10 = $10, eval_recall_at_10 = $11,
                   eval_users = $12, eval_skipped = $13
             WHERE id = $1""";
    private static final String RECENT = "SELECT " + COLUMNS
            + " FROM training_jobs ORDER BY requested_at DESC, id LIMIT $1";
    private static final String ONE = "SELECT " + COLUMNS + " FROM training_jobs WHERE id = $1";
    private static final String FAIL_UNFINISHED = """
            UPDATE training_jobs SET state = 'FAILED', finished_at = $1, error = $2
             WHERE state IN ('QUEUED', 'RUNNING')""";

    private final Pool database;

    public TrainingJobRepository(Pool database) {
        this.database = database;
    }

    /** Stores a new job and prunes the oldest, so that at most {@code kept} stay. */
    public Uni<Void> insert(TrainingJob job, int kept) {
        Tuple row = withEvaluation(job, UUID.fromString(job.id()), job.state().name(), job.trigger(),
                utc(job.requestedAt()), utc(job.startedAt()), utc(job.finishedAt()), job.modelVersion(),
                job.interactions(), job.error());
        return TransactionRetry.retrying(() -> database.withTransaction(connection -> connection
                .preparedQuery(INSERT).execute(row)
                .chain(() -> connection.preparedQuery(PRUNE).execute(Tuple.of(Math.max(0, kept - 1))))))
                .replaceWithVoid();
    }

    /** Writes the job's state and what came with it (times, model version, error). */
    public Uni<Void> update(TrainingJob job) {
        Tuple row = withEvaluation(job, UUID.fromString(job.id()), job.state().name(), utc(job.startedAt()),
                utc(job.finishedAt()), job.modelVersion(), job.interactions(), job.error());
        return TransactionRetry.retrying(() -> database.preparedQuery(UPDATE).execute(row)).replaceWithVoid();
    }

    /** The newest jobs first, at most {@code limit}. */
    public Uni<List<TrainingJob>> recent(int limit) {
        return database.preparedQuery(RECENT).execute(Tuple.of(limit))
                .map(rows -> rows.stream().map(TrainingJobRepository::job).toList());
    }

    /** The job of that id; empty for an id that is not a UUID, since no job has one. */
    public Uni<Optional<TrainingJob>> find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Optional.empty());
        }
        return database.preparedQuery(ONE).execute(Tuple.of(uuid))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next())));
    }

    /** Marks every job still queued or running as failed with {@code error}; emits how many there were. */
    public Uni<Integer> failUnfinished(Instant at, String error) {
        return TransactionRetry.retrying(() -> database.preparedQuery(FAIL_UNFINISHED)
                .execute(Tuple.of(utc(at), error))).map(rows -> rows.rowCount());
    }

    private static TrainingJob job(Row row) {
        return new TrainingJob(row.getUUID("id").toString(), TrainingState.valueOf(row.getString("state")),
                row.getString("triggered_by"), instant(row, "requested_at"), instant(row, "started_at"),
                instant(row, "finished_at"), row.getString("model_version"), row.getInteger("interactions"),
                row.getString("error"), evaluation(row));
    }

    /** The values, then the six evaluation columns' values (all null for a job without figures). */
    private static Tuple withEvaluation(TrainingJob job, Object... values) {
        List<Object> all = new ArrayList<>(Arrays.asList(values));
        TrainingEvaluation e = job.evaluation();
        all.addAll(e == null ? Arrays.asList(new Object[6]) : Arrays.asList(e.algorithm(), e.ndcgAt10(),
                e.precisionAt10(), e.recallAt10(), e.evaluatedUsers(), e.skipped()));
        return Tuple.from(all);
    }

    /** Null for a run without figures (one stored before them, or not succeeded). */
    private static TrainingEvaluation evaluation(Row row) {
        String algorithm = row.getString("eval_algorithm");
        return algorithm == null ? null : new TrainingEvaluation(algorithm, row.getDouble("eval_ndcg_at_10"),
                row.getDouble("eval_precision_at_10"), row.getDouble("eval_recall_at_10"),
                row.getInteger("eval_users"), row.getString("eval_skipped"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
