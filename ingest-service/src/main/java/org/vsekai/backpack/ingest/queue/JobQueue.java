package org.vsekai.backpack.ingest.queue;

import static org.vsekai.backpack.ingest.sql.Times.instant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.ingest.sql.Json;
import org.vsekai.backpack.kit.tracing.TraceParent;

import com.fasterxml.jackson.databind.JsonNode;


import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code jobs} table (docs/adr/0015): queue, claim, complete, retry, discard, rescue, prune, count. SQL that
 * PostgreSQL and CockroachDB both run; database time throughout, so instances with skewed clocks agree on what is
 * due and what is stuck.
 */
@ApplicationScoped
public class JobQueue {

    static final String COLUMNS = "id, kind, subject, owner_id, args, state, attempt, max_attempts, last_error, "
            + "attempted_by, inserted_at, scheduled_at, attempted_at, completed_at, discarded_at, traceparent";

    private static final String INSERT = "INSERT INTO jobs (id, kind, subject, unique_key, owner_id, args, state, "
            + "attempt, max_attempts, inserted_at, scheduled_at, traceparent) VALUES ($1, $2, $3, $4, $5, $6, 'available', "
            + "0, $7, now(), now(), $8) ON CONFLICT (unique_key) DO NOTHING";

    private final Pool pool;
    private final JobsConfig config;

    public JobQueue(Pool pool, JobsConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Queues the job through {@code client} (a transaction's connection, so it commits with what caused it), with
     * the current trace context, which its run continues.
     *
     * @return the new job's id; null when a unique job of that kind and subject exists already
     */
    public Uni<UUID> enqueue(SqlClient client, NewJob job) {
        int maxAttempts = job.maxAttempts() > 0 ? job.maxAttempts() : config.maxAttempts();
        UUID id = UUID.randomUUID();
        return client.preparedQuery(INSERT)
                .execute(Tuple.tuple(Arrays.asList(id, job.kind(), job.subject(), job.uniqueKey(), job.ownerId(),
                        Json.write(job.args()), maxAttempts, TraceParent.current())))
                .map(rows -> rows.rowCount() == 1 ? id : null);
    }

    /** Queues many jobs in one round trip through {@code client}; those already queued (unique) are skipped. */
    public Uni<Void> enqueueAll(SqlClient client, List<NewJob> jobs) {
        if (jobs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        for (NewJob job : jobs) {
            int maxAttempts = job.maxAttempts() > 0 ? job.maxAttempts() : config.maxAttempts();
            rows.add(Tuple.tuple(Arrays.asList(UUID.randomUUID(), job.kind(), job.subject(), job.uniqueKey(),
                    job.ownerId(), Json.write(job.args()), maxAttempts, TraceParent.current())));
        }
        return client.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due jobs of the given kinds for {@code worker} (a worker never takes a kind it
     * cannot run). {@code SKIP LOCKED} lets concurrent claims pass each other's rows instead of waiting; the state
     * is checked again outside the subquery, so a row that another claim took between this statement's snapshot
     * and its lock is left alone.
     */
    public Uni<List<Job>> claim(String worker, int limit, Collection<String> kinds) {
        String due = "state IN ('available', 'retryable') AND scheduled_at <= now() AND kind = ANY($3)";
        // ARRAY(...) makes the subquery run once (an init plan): as "id IN (SELECT ...)" PostgreSQL may run it again
        // for each row it updates, each time skipping the rows locked so far, and so claim more than the limit.
        return pool.preparedQuery("UPDATE jobs SET state = 'executing', attempt = attempt + 1, attempted_at = now(), "
                        + "attempted_by = $1 WHERE id = ANY(ARRAY(SELECT id FROM jobs WHERE " + due
                        + " ORDER BY scheduled_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)) AND " + due
                        + " RETURNING " + COLUMNS)
                .execute(Tuple.of(worker, limit, kinds.toArray(String[]::new)))
                .map(JobQueue::jobs);
    }

    /**
     * Marks the claimed job completed in {@code transaction}; false when this claim no longer holds it (rescued and
     * claimed again), and then the caller must roll back.
     */
    public Uni<Boolean> complete(SqlClient transaction, Job job) {
        return transaction.preparedQuery("UPDATE jobs SET state = 'completed', completed_at = now() "
                        + "WHERE id = $1 AND state = 'executing' AND attempt = $2")
                .execute(Tuple.of(job.id(), job.attempt()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Makes the claimed job due again after {@code delay}; false when this claim no longer holds it. */
    public Uni<Boolean> retry(Job job, String error, Duration delay) {
        return pool.preparedQuery("UPDATE jobs SET state = 'retryable', last_error = $3, attempted_by = NULL, "
                        + "scheduled_at = now() + CAST(CAST($4 AS TEXT) AS INTERVAL) "
                        + "WHERE id = $1 AND state = 'executing' AND attempt = $2")
                .execute(Tuple.of(job.id(), job.attempt(), error, delay.toMillis() + " milliseconds"))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Discards the claimed job in {@code transaction}; false when this claim no longer holds it. */
    public Uni<Boolean> discard(SqlClient transaction, Job job, String error) {
        return transaction.preparedQuery("UPDATE jobs SET state = 'discarded', discarded_at = now(), last_error = $3 "
                        + "WHERE id = $1 AND state = 'executing' AND attempt = $2")
                .execute(Tuple.of(job.id(), job.attempt(), error))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Makes jobs that have been executing longer than {@code after} due again: their worker is gone. */
    public Uni<Integer> rescue(Duration after) {
        return pool.preparedQuery("UPDATE jobs SET state = 'retryable', scheduled_at = now(), attempted_by = NULL, "
                        + "last_error = COALESCE(last_error || '; ', '') || 'rescued: its worker did not finish "
                        + "within ' || CAST($1 AS TEXT) WHERE state = 'executing' "
                        + "AND attempted_at < now() - CAST(CAST($1 AS TEXT) AS INTERVAL)")
                .execute(Tuple.of(after.toMillis() + " milliseconds"))
                .map(RowSet::rowCount);
    }

    /** Deletes completed and discarded jobs finished more than {@code after} ago. */
    public Uni<Integer> prune(Duration after) {
        return pool.preparedQuery("DELETE FROM jobs WHERE state IN ('completed', 'discarded') "
                        + "AND COALESCE(completed_at, discarded_at) < now() - CAST(CAST($1 AS TEXT) AS INTERVAL)")
                .execute(Tuple.of(after.toMillis() + " milliseconds"))
                .map(RowSet::rowCount);
    }

    /** How many jobs are in each state; every state is present. */
    public Uni<Map<JobState, Long>> counts() {
        return pool.query("SELECT state, count(*) AS jobs FROM jobs GROUP BY state").execute().map(rows -> {
            Map<JobState, Long> counts = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                counts.put(state, 0L);
            }
            for (Row row : rows) {
                counts.put(JobState.ofColumn(row.getString("state")), row.getLong("jobs"));
            }
            return counts;
        });
    }

    public Uni<Job> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM jobs WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : job(rows.iterator().next()));
    }

    /** The jobs about any of {@code subjects}, oldest first. */
    public Uni<List<Job>> about(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM jobs WHERE subject = ANY($1) "
                        + "ORDER BY inserted_at, id")
                .execute(Tuple.of(subjects.toArray(String[]::new)))
                .map(JobQueue::jobs);
    }

    /** A page of jobs in {@code state} (newest first), of one kind when {@code kind} is given. */
    public Uni<List<Job>> inState(JobState state, String kind, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM jobs WHERE state = $1 AND ($2::TEXT IS NULL "
                        + "OR kind = $2) ORDER BY inserted_at DESC, id LIMIT $3")
                .execute(Tuple.of(state.column(), kind, limit))
                .map(JobQueue::jobs);
    }

    static List<Job> jobs(RowSet<Row> rows) {
        List<Job> jobs = new ArrayList<>();
        for (Row row : rows) {
            jobs.add(job(row));
        }
        return jobs;
    }

    static Job job(Row row) {
        return new Job(row.getUUID("id"), row.getString("kind"), row.getString("subject"), row.getString("owner_id"),
                Json.read(row.getString("args"), JsonNode.class), JobState.ofColumn(row.getString("state")),
                row.getInteger("attempt"), row.getInteger("max_attempts"), row.getString("last_error"),
                row.getString("attempted_by"), instant(row, "inserted_at"), instant(row, "scheduled_at"),
                instant(row, "attempted_at"), instant(row, "completed_at"), instant(row, "discarded_at"),
                row.getString("traceparent"));
    }

}
