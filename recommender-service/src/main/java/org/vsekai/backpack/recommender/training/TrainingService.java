package org.vsekai.backpack.recommender.training;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.serving.ModelStore;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.micrometer.core.instrument.Timer;

/**
 * Runs trainings one at a time on a thread of its own (the models then use every core), never on the event loop:
 * read the interactions, fit, save the versioned file, swap it in. Anything that fails leaves the served model as it
 * was. A request while a job is queued or running gets that job, not a second one; an erasure during a run asks
 * for one more run afterwards, since the running one may have read the erased user's rows.
 */
@ApplicationScoped
@Startup // its meters exist from the start, at zero, so rates over them are defined
public class TrainingService {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    private static final Logger LOG = Logger.getLogger(TrainingService.class);
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

    private final TrainingData data;
    private final ModelTrainer trainer;
    private final ModelStore store;
    private final ServingModel serving;
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

    // Guarded by this.
    private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();
    private String active;
    private boolean runAgain;
    private Instant lastErasure;

    public TrainingService(TrainingData data, ModelTrainer trainer, ModelStore store, ServingModel serving,
            RecommenderConfig config, MeterRegistry registry) {
        this.data = data;
        this.trainer = trainer;
        this.store = store;
        this.serving = serving;
        this.keep = config.models().keep();
        this.jobsKept = config.training().jobsKept();
        this.registry = registry;
        for (String outcome : List.of("succeeded", "failed")) {
            duration(outcome); // registered at zero from the start, so rates over them are defined
        }
        Gauge.builder("backpack.recommender.training.interactions", lastInteractions, AtomicLong::get)
                .description("Distinct (user, item) pairs the last successful training learned from")
                .register(registry);
    }

    /** Starts a training unless one is queued or running, and returns the job that will do it. */
    public synchronized TrainingJob request(String trigger) {
        if (active != null) {
            return jobs.get(active);
        }
        TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), QUEUED, trigger, Instant.now(), null, null,
                null, null, null);
        put(job);
        active = job.id();
        worker.execute(() -> run(job));
        LOG.infof("Training %s queued (%s)", job.id(), trigger);
        return job;
    }

    /**
     * An erasure committed: the next model must be trained from data read after now, and older model files go once
     * it is saved. A running job may have read the user's rows already, so it is followed by another run.
     */
    public synchronized TrainingJob requestAfterErasure() {
        return requestAfterErasure("erasure");
    }

    /** As {@link #requestAfterErasure()}, for a trigger other than the erasure itself (a check at start). */
    public synchronized TrainingJob requestAfterErasure(String trigger) {
        lastErasure = Instant.now();
        if (active != null && !QUEUED.equals(jobs.get(active).state())) {
            runAgain = true;
            return jobs.get(active);
        }
        return request(trigger);
    }

    public synchronized List<TrainingJob> jobs() {
        List<TrainingJob> newestFirst = new ArrayList<>(jobs.values());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    public synchronized Optional<TrainingJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    private void run(TrainingJob queued) {
        long started = System.nanoTime();
        Instant readAt = Instant.now();
        update(new TrainingJob(queued.id(), RUNNING, queued.trigger(), queued.requestedAt(), readAt, null, null, null,
                null));
        String outcome = "failed";
        try {
            LOG.infof("Training %s: reading interactions", queued.id());
            InteractionMatrix pairs = data.read(READ_TIMEOUT);
            LOG.infof("Training %s: fitting iALS and RP3beta on %d (user, item) pairs of %d users and %d items",
                    queued.id(), pairs.nonZeroCount(), pairs.userCount(), pairs.itemCount());
            String version = VERSION_TIME.format(readAt) + "-" + String.format("%04d", versionCounter.incrementAndGet());
            ServingSnapshot snapshot = trainer.train(pairs, version, readAt);
            store.save(snapshot);
            serving.swap(snapshot);
            int pruned = store.prune(erasedBefore(readAt) ? 1 : keep);
            lastInteractions.set(snapshot.interactions());
            outcome = "succeeded";
            LOG.infof("Training %s: model %s serving (%d users, %d items, %d pairs) after %d ms; %d old files deleted",
                    queued.id(), version, snapshot.users().size(), snapshot.items().size(), snapshot.interactions(),
                    (System.nanoTime() - started) / 1_000_000, pruned);
            update(new TrainingJob(queued.id(), SUCCEEDED, queued.trigger(), queued.requestedAt(), readAt,
                    Instant.now(), version, snapshot.interactions(), null));
        } catch (Throwable e) { // a failed training must never take the service (or the served model) down
            LOG.errorf(e, "Training %s failed; the served model stays as it was", queued.id());
            update(new TrainingJob(queued.id(), FAILED, queued.trigger(), queued.requestedAt(), readAt,
                    Instant.now(), null, null, String.valueOf(e.getMessage() == null ? e : e.getMessage())));
        } finally {
            duration(outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            finish();
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

    private synchronized void finish() {
        active = null;
        if (runAgain) {
            runAgain = false;
            request("erasure");
        }
    }

    private synchronized void update(TrainingJob job) {
        jobs.put(job.id(), job);
    }

    private synchronized void put(TrainingJob job) {
        jobs.put(job.id(), job);
        while (jobs.size() > jobsKept) {
            String oldest = jobs.keySet().iterator().next();
            if (oldest.equals(active)) {
                break;
            }
            jobs.remove(oldest);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
