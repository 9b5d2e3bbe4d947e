package org.vsekai.backpack.ingest.queue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.vsekai.backpack.kit.concurrent.Quiescence;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * This instance's workers: polls the queue every {@code poll-interval} (and at once when woken by a local enqueue)
 * and keeps up to {@code concurrency} jobs running; rescues stuck jobs, prunes old ones, and keeps the gauge
 * {@code backpack.ingest.jobs{state}} current.
 */
@ApplicationScoped
public class JobWorkers {

    private static final Logger LOG = Logger.getLogger(JobWorkers.class);
    private static final long HOUSEKEEPING_EVERY = Duration.ofSeconds(10).toMillis();

    private final JobQueue queue;
    private final JobsConfig config;
    private final Vertx vertx;
    private final JobRunner runner;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final Map<JobState, AtomicLong> counts = new EnumMap<>(JobState.class);
    private volatile long lastHousekeeping;
    private long timer = -1;

    public JobWorkers(JobQueue queue, JobsConfig config, Vertx vertx, Instance<JobHandler> handlers,
                      MeterRegistry registry, Tracer tracer) {
        this.queue = queue;
        this.config = config;
        this.vertx = vertx;
        String name = ManagementFactory.getRuntimeMXBean().getName();
        this.runner = new JobRunner(name, queue, handlers.stream().toList(),
                new Backoff(config.backoff(), config.maxBackoff(), new Random()), tracer, vertx.getDelegate());
        for (JobState state : JobState.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(state, count);
            Gauge.builder("backpack.ingest.jobs", count, AtomicLong::get).tag("state", state.column())
                    .description("Jobs in each state (docs/adr/0015)").register(registry);
        }
    }

    void start(@Observes StartupEvent started) {
        if (config.workers()) {
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The runner these workers use, for a test that runs it by hand. */
    public JobRunner runner() {
        return runner;
    }

    /**
     * Stops claiming (jobs keep being queued); for tests and operators. Returns once a claim already under way has
     * ended, so that no job is claimed by these workers after it returns. Blocks: not for an event-loop thread.
     */
    public void pause() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("pause() waits for a claim under way; call it off the event loop");
        }
        paused.set(true);
        Quiescence.await(polling::get, Duration.ofSeconds(30), Duration.ofMillis(5));
    }

    public void resume() {
        paused.set(false);
        wake();
    }

    /** Claims as many jobs as there are free slots, soon; a wake-up during a claim is not lost. */
    public void wake() {
        if (paused.get() || !config.workers() || !polling.compareAndSet(false, true)) {
            return;
        }
        int free = config.concurrency() - running.get();
        Uni<Void> housekeeping = housekeepingDue() ? housekeeping() : Uni.createFrom().voidItem();
        // Paused may have been set during housekeeping: look again just before claiming.
        housekeeping.chain(() -> free > 0 && !paused.get() ? runner.claim(free)
                        : Uni.createFrom().item(List.<Job>of()))
                .subscribe().with(jobs -> {
                    polling.set(false);
                    for (Job job : jobs) {
                        running.incrementAndGet();
                        runner.run(job).subscribe().with(done -> finished(), failure -> finished());
                    }
                }, failure -> {
                    polling.set(false);
                    LOG.warnf("Claiming jobs failed; trying again in %s: %s", config.pollInterval(),
                            failure.getMessage());
                });
    }

    private void finished() {
        running.decrementAndGet();
        wake();
    }

    private boolean housekeepingDue() {
        long now = System.currentTimeMillis();
        if (now - lastHousekeeping < HOUSEKEEPING_EVERY) {
            return false;
        }
        lastHousekeeping = now;
        return true;
    }

    /** Rescue, prune, and refresh the per-state gauge. */
    public Uni<Void> housekeeping() {
        return queue.rescue(config.rescueAfter())
                .invoke(rescued -> {
                    if (rescued > 0) {
                        LOG.warnf("Rescued %d jobs executing for longer than %s", rescued, config.rescueAfter());
                    }
                })
                .chain(() -> queue.prune(config.pruneAfter()))
                .chain(queue::counts)
                .invoke(current -> current.forEach((state, count) -> counts.get(state).set(count)))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Job housekeeping failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
