package org.vsekai.backpack.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.vsekai.backpack.kit.concurrent.Quiescence;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Relays {@code outbox_events} to Kafka (docs/adr/0008): claims the oldest rows for a lease, sends them one after
 * the other in write order, and deletes each row only after the broker acknowledged its record. A failed send
 * stops the run and releases the rows not yet sent, so they go out, still in order, on the next run. Runs on a
 * timer and whenever a commit wakes it; one run at a time per instance, and the claim keeps instances apart. The
 * gauge {@code backpack.outbox.backlog} counts the rows not yet relayed, on the timer (at most once a second, and
 * also while paused), so a stuck relay shows as a growing backlog.
 *
 * <p>Only a service that sets {@value #ENABLED}{@code =true} gets this bean, with the {@link Outbox} writer and the
 * {@link KafkaOutboxSender}: the kit is in every service, and the relay needs that service's reactive SQL
 * {@link Pool} and the {@code outbox_events} table, which the kit's migration {@code db/outbox} makes once the
 * service adds that location to {@code quarkus.flyway.locations}.
 */
@ApplicationScoped
@IfBuildProperty(name = OutboxRelay.ENABLED, stringValue = "true")
public class OutboxRelay {

    /** The build-time switch of the relay. */
    public static final String ENABLED = "backpack.outbox.enabled";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final OutboxSender sender;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private volatile long backlogCountedAt;
    private volatile long timer = -1;

    public OutboxRelay(Pool pool, OutboxSender sender, OutboxConfig config, Vertx vertx, MeterRegistry registry) {
        this.pool = pool;
        this.sender = sender;
        this.config = config;
        this.vertx = vertx;
        Gauge.builder("backpack.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows committed and not yet relayed to Kafka").register(registry);
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> {
            wake();
            countBacklog();
        });
    }

    /** Refreshes the backlog gauge, at most once a second; a failed count leaves the last value. */
    private void countBacklog() {
        long now = System.nanoTime();
        if (now - backlogCountedAt < TimeUnit.SECONDS.toNanos(1)) {
            return;
        }
        backlogCountedAt = now;
        pool.query("SELECT count(*) AS pending FROM outbox_events").execute().subscribe().with(
                rows -> backlog.set(rows.iterator().next().getLong("pending")),
                failure -> LOG.debugf("Counting the outbox backlog failed: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Runs the relay soon; a run already going runs once more after it, so no wake-up is lost. */
    public void wake() {
        if (paused.get()) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        relayOnce(sender).subscribe().with(
                sent -> finished(),
                failure -> {
                    LOG.warnf("Outbox relay run failed; unsent rows stay for the next run: %s",
                            failure.getMessage());
                    finished();
                });
    }

    private void finished() {
        running.set(false);
        if (again.get()) {
            wake();
        }
    }

    /**
     * Stops timed and woken runs (for tests and operators); rows keep accumulating. Returns once a run that was under
     * way has ended, so no row written after this returns is sent until {@link #resume()}. Blocks: never call it on
     * an event loop.
     */
    public void pause() {
        paused.set(true);
        Quiescence.await(running::get, config.lease(), Duration.ofMillis(10));
    }

    public void resume() {
        paused.set(false);
        wake();
    }

    /**
     * One run with {@code through}: claims up to a batch of rows, sends them in write order and deletes each after
     * its acknowledgement. Fails on the first failed send, after releasing the rows that were not sent.
     *
     * @return how many rows were delivered
     */
    public Uni<Integer> relayOnce(OutboxSender through) {
        return claim().chain(rows -> {
            List<OutboxRow> pending = new ArrayList<>(rows);
            return Multi.createFrom().iterable(rows)
                    .onItem().transformToUniAndConcatenate(row -> through.send(row)
                            .chain(() -> pool.preparedQuery("DELETE FROM outbox_events WHERE id = $1")
                                    .execute(Tuple.of(row.id())))
                            .invoke(() -> pending.remove(row))
                            .replaceWith(row))
                    .collect().asList()
                    .map(List::size)
                    .onFailure().call(failure -> release(pending));
        });
    }

    /**
     * Claims rows that nobody holds, or whose holder's lease has passed. The lease is repeated outside the subquery
     * so that, on PostgreSQL, a relay that waited for another's row lock re-checks it and skips what was just
     * claimed; CockroachDB's serializable transactions retry instead. Database time throughout, so instances with
     * skewed clocks agree on leases.
     */
    private Uni<List<OutboxRow>> claim() {
        String lease = config.lease().toMillis() + " milliseconds";
        String free = "(claimed_until IS NULL OR claimed_until < now())";
        return pool.preparedQuery("UPDATE outbox_events "
                        + "SET claimed_until = now() + CAST(CAST($1 AS TEXT) AS INTERVAL), attempts = attempts + 1 "
                        + "WHERE id IN (SELECT id FROM outbox_events WHERE " + free
                        + " ORDER BY created_at, id LIMIT $2) AND " + free
                        + " RETURNING id, topic, record_key, payload, traceparent, created_at")
                .execute(Tuple.of(lease, config.batchSize()))
                .map(OutboxRelay::rows);
    }

    private static List<OutboxRow> rows(RowSet<Row> rows) {
        List<OutboxRow> claimed = new ArrayList<>();
        for (Row row : rows) {
            claimed.add(new OutboxRow(row.getUUID("id"), row.getString("topic"), row.getString("record_key"),
                    row.getString("payload"), row.getString("traceparent"),
                    row.getOffsetDateTime("created_at").toInstant()));
        }
        // RETURNING has no order; records of one key must leave in the order they were written.
        claimed.sort(Comparator.comparing(OutboxRow::createdAt).thenComparing(OutboxRow::id));
        return claimed;
    }

    private Uni<Void> release(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> ids = rows.stream().map(row -> Tuple.of(row.id())).toList();
        return pool.preparedQuery("UPDATE outbox_events SET claimed_until = NULL WHERE id = $1").executeBatch(ids)
                .replaceWithVoid()
                .onFailure().recoverWithNull(); // the lease runs out anyway
    }
}
