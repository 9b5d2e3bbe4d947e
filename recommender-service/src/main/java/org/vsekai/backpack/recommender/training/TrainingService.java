package org.vsekai.backpack.recommender.training;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.recommendation.TrainingEvaluation;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.contracts.recommendation.TrainingState;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.foldin.FoldInService;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.serving.ModelStore;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Runs trainings one at a time on a thread of its own (the models then use every core), never on the event loop:
 * read the interactions, fit, save the versioned file, swap it in, then score it on a holdout split
 * ({@link HoldoutEvaluation}) and store the figures with the run. Anything that fails leaves the served model as it
 * was. A request while a job is queued or running gets that job, not a second one; an erasure during a run asks
 * for one more run afterwards, since the running one may have read the erased user's rows. Every job and each
 * change of its state is stored ({@link TrainingJobRepository}); a job the previous process left queued or running
 * is marked failed at start, before any new one is stored.
 */
@ApplicationScoped
@Startup // its meters exist from the start, at zero, so rates over them are defined
public class TrainingService {

    /** The error of a job that was queued or running when the service stopped. */
    public static final String INTERRUPTED = "interrupted: the service stopped before the training finished";

    private static final Logger LOG = Logger.getLogger(TrainingService.class);
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final TrainingData data;
    private final ModelTrainer trainer;
    private final ModelStore store;
    private final ServingModel serving;
    private final TrainingJobRepository jobs;
    private final FoldInService foldIns;
    private final int keep;
    private final int jobsKept;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "recommender-training");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger versionCounter = new AtomicInteger();
    private final AtomicLong lastInteractions = new AtomicLong();
    private final MeterRegistry registry;
    private final Uni<Void> recovered;

    // Guarded by this.
    private TrainingJob active; // the latest state of the queued or running job; null when there is none
    private Uni<TrainingJob> activeStored; // completes once the active job's row is stored
    private boolean runAgain;
    private Instant lastErasure;

    public TrainingService(TrainingData data, ModelTrainer trainer, ModelStore store, ServingModel serving,
            TrainingJobRepository jobs, FoldInService foldIns, RecommenderConfig config, MeterRegistry registry) {
        this.foldIns = foldIns;
        this.data = data;
        this.trainer = trainer;
        this.store = store;
        this.serving = serving;
        this.jobs = jobs;
        this.keep = config.models().keep();
        this.jobsKept = config.training().jobsKept();
        this.registry = registry;
        this.recovered = Uni.createFrom().deferred(this::failInterrupted).memoize().indefinitely();
        for (String outcome : List.of("succeeded", "failed")) {
            duration(outcome); // registered at zero from the start, so rates over them are defined
        }
        Gauge.builder("backpack.recommender.training.interactions", lastInteractions, AtomicLong::get)
                .description("Distinct (user, item) pairs the last successful training learned from")
                .register(registry);
    }

    // Before the saved-model check (priority 10) may request a job, and before any request is stored.
    void recoverAtStart(@Observes @Priority(5) StartupEvent start) {
        recovered.await().atMost(STORE_TIMEOUT);
    }

    /**
     * Starts a training unless one is queued or running, and emits the job that will do it once it is stored. The
     * job starts whether or not the caller subscribes.
     */
    public Uni<TrainingJob> request(String trigger) {
        return started(queue(trigger));
    }

    /**
     * An erasure committed: the next model must be trained from data read after now, and older model files go once
     * it is saved. A running job may have read the user's rows already, so it is followed by another run.
     */
    public Uni<TrainingJob> requestAfterErasure() {
        return requestAfterErasure("erasure");
    }

    /** As {@link #requestAfterErasure()}, for a trigger other than the erasure itself (a check at start). */
    public Uni<TrainingJob> requestAfterErasure(String trigger) {
        Uni<TrainingJob> job;
        synchronized (this) {
            lastErasure = Instant.now();
            if (active != null && active.state() == TrainingState.RUNNING) {
                runAgain = true;
                job = Uni.createFrom().item(active);
            } else {
                job = queue(trigger);
            }
        }
        return started(job);
    }

    /** The newest jobs first, at most {@code recommender.training.jobs-kept}. */
    public Uni<List<TrainingJob>> jobs() {
        return jobs.recent(jobsKept);
    }

    public Uni<Optional<TrainingJob>> job(String id) {
        return jobs.find(id);
    }

    /** The active job when there is one (the stored one is asked for then), or a new job queued behind it. */
    private synchronized Uni<TrainingJob> queue(String trigger) {
        if (active != null && !active.state().finished()) {
            String id = active.id();
            return activeStored.chain(stored -> latest(id));
        }
        TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), TrainingState.QUEUED, trigger, now(), null,
                null, null, null, null);
        active = job;
        activeStored = recovered.chain(() -> jobs.insert(job, jobsKept))
                .invoke(() -> {
                    LOG.infof("Training %s queued (%s)", job.id(), trigger);
                    worker.execute(() -> run(job));
                })
                .onFailure().invoke(failure -> {
                    LOG.errorf(failure, "Training %s (%s) could not be stored; not started", job.id(), trigger);
                    finish(job.id());
                })
                .replaceWith(job)
                .memoize().indefinitely();
        return activeStored;
    }

    /** Subscribes now, so that the job is stored and started even when the caller drops the Uni. */
    private static Uni<TrainingJob> started(Uni<TrainingJob> job) {
        job.subscribe().with(stored -> { }, failure -> { }); // the failure is logged where it happens
        return job;
    }

    private Uni<TrainingJob> latest(String id) {
        synchronized (this) {
            if (active != null && active.id().equals(id)) {
                return Uni.createFrom().item(active);
            }
        }
        return jobs.find(id).map(found -> found.orElseThrow());
    }

    private void run(TrainingJob queued) {
        long started = System.nanoTime();
        Instant readAt = now();
        String outcome = "failed";
        try {
            record(new TrainingJob(queued.id(), TrainingState.RUNNING, queued.trigger(), queued.requestedAt(),
                    readAt, null, null, null, null));
            LOG.infof("Training %s: reading interactions", queued.id());
            InteractionMatrix pairs = data.read(READ_TIMEOUT);
            LOG.infof("Training %s: fitting iALS and RP3beta on %d (user, item) pairs of %d users and %d items",
                    queued.id(), pairs.nonZeroCount(), pairs.userCount(), pairs.itemCount());
            String version = VERSION_TIME.format(readAt) + "-" + String.format("%04d", versionCounter.incrementAndGet());
            ServingSnapshot snapshot = trainer.train(pairs, version, readAt);
            store.save(snapshot);
            serving.swap(snapshot);
            foldIns.refoldAfterSwap(snapshot, pairs); // what changed after the cut is not in the new snapshot
            int pruned = store.prune(erasedBefore(readAt) ? 1 : keep);
            lastInteractions.set(snapshot.interactions());
            outcome = "succeeded";
            LOG.infof("Training %s: model %s serving (%d users, %d items, %d pairs) after %d ms; %d old files deleted",
                    queued.id(), version, snapshot.users().size(), snapshot.items().size(), snapshot.interactions(),
                    (System.nanoTime() - started) / 1_000_000, pruned);
            TrainingEvaluation figures = evaluate(queued.id(), pairs);
            record(new TrainingJob(queued.id(), TrainingState.SUCCEEDED, queued.trigger(), queued.requestedAt(),
                    readAt, now(), version, snapshot.interactions(), null, figures));
        } catch (Throwable e) { // a failed training must never take the service (or the served model) down
            if ("succeeded".equals(outcome)) {
                LOG.errorf(e, "Training %s succeeded but its state could not be stored", queued.id());
            } else {
                LOG.errorf(e, "Training %s failed; the served model stays as it was", queued.id());
                recordFailure(new TrainingJob(queued.id(), TrainingState.FAILED, queued.trigger(),
                        queued.requestedAt(), readAt, now(), null, null,
                        String.valueOf(e.getMessage() == null ? e : e.getMessage())));
            }
        } finally {
            duration(outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            finish(queued.id());
        }
    }

    /**
     * The model's offline figures, once it serves (so that they never delay the swap); a failure here leaves the run
     * succeeded, with the reason in place of the figures.
     */
    private TrainingEvaluation evaluate(String id, InteractionMatrix pairs) {
        long started = System.nanoTime();
        try {
            TrainingEvaluation figures = trainer.evaluate(pairs, line -> LOG.infof("Training %s: %s", id, line));
            LOG.infof("Training %s: evaluated in %d ms", id, (System.nanoTime() - started) / 1_000_000);
            return figures;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Training %s: the evaluation failed; the model serves without figures", id);
            return TrainingEvaluation.skipped(HoldoutEvaluation.ALGORITHM, "evaluation failed: " + e);
        }
    }

    /** The job's new state: in memory for requests that find it active, then in the table. Blocks. */
    private void record(TrainingJob job) {
        synchronized (this) {
            if (active != null && active.id().equals(job.id())) {
                active = job;
            }
        }
        jobs.update(job).await().atMost(STORE_TIMEOUT);
    }

    private void recordFailure(TrainingJob failed) {
        try {
            record(failed);
        } catch (RuntimeException e) { // the table is out of reach too: the next start marks the job failed
            LOG.errorf(e, "Training %s: its failure could not be stored", failed.id());
        }
    }

    private Timer duration(String outcome) {
        return Timer.builder("backpack.recommender.training.duration").tag("outcome", outcome)
                .description("Training runs (read, fit, save and swap), by outcome").register(registry);
    }

    private synchronized boolean erasedBefore(Instant readAt) {
        // Older files predate an erasure this model already reflects: they still hold the erased user.
        return lastErasure != null && lastErasure.isBefore(readAt);
    }

    private void finish(String id) {
        boolean again;
        synchronized (this) {
            if (active == null || !active.id().equals(id)) {
                return; // another job is active already
            }
            active = null;
            again = runAgain;
            runAgain = false;
        }
        if (again) {
            request("erasure");
        }
    }

    private Uni<Void> failInterrupted() {
        return jobs.failUnfinished(now(), INTERRUPTED).invoke(count -> {
            if (count > 0) {
                LOG.warnf("%d training jobs were queued or running when the service stopped: marked failed", count);
            }
        }).replaceWithVoid();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS); // what the table keeps
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
