package org.vsekai.backpack.vision.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.metrics.VisionMetrics;
import org.vsekai.backpack.vision.model.LoadedModel;

import io.quarkus.runtime.Startup;

/**
 * Hands inference work to a fixed set of worker threads. A free worker takes, in this order: the oldest interactive
 * request whose model is within its concurrency budget; the oldest queued stream task within budget; else a new
 * micro-batch of frames, sized by the {@link BatchSizer}. A model at its budget ({@code max-concurrent}) is passed
 * over, so one busy model cannot take every worker. Nothing queues without bound: interactive requests beyond
 * {@code max-pending-requests} are refused, stream work is pulled only when a worker is free (the frame queue in
 * front of it is bounded and stops the Kafka consumer when full).
 */
@ApplicationScoped
@Startup
public class InferenceScheduler {

    private static final Logger LOG = Logger.getLogger(InferenceScheduler.class);
    private static final int HISTORY = 1024;

    private final InferenceEngine engine;
    private final VisionMetrics metrics;
    private final Instance<StreamWork> streamWork;
    private final BatchSizer sizer;
    private final int maxPending;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<InferenceTask> interactive = new ArrayDeque<>();
    private final ArrayDeque<InferenceTask> stream = new ArrayDeque<>();
    private final ArrayDeque<InferenceTask> longWork = new ArrayDeque<>();
    private final int longWorkers;
    private int longRunning;
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final ArrayDeque<Dispatch> history = new ArrayDeque<>();
    private final AtomicInteger interactiveDepth = new AtomicInteger();
    private final AtomicInteger streamDepth = new AtomicInteger();
    private final List<Thread> workers = new ArrayList<>();
    private long sequence;
    private boolean held;
    private boolean stopping;

    public InferenceScheduler(VisionConfig config, InferenceEngine engine, VisionMetrics metrics,
                              Instance<StreamWork> streamWork) {
        this.engine = engine;
        this.metrics = metrics;
        this.streamWork = streamWork;
        int count = config.runtime().workers().orElse(Runtime.getRuntime().availableProcessors());
        this.sizer = new BatchSizer(config.stream().maxBatch(), config.stream().targetBatchLatency().toNanos(),
                count);
        this.maxPending = config.runtime().maxPendingRequests();
        this.longWorkers = config.runtime().longWorkers();
        metrics.queue("interactive", interactiveDepth::get);
        metrics.queue("stream-tasks", streamDepth::get);
        metrics.queue("long", this::longDepth);
        for (int i = 0; i < count; i++) {
            Thread worker = new Thread(this::work, "vision-inference-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Queues one image for an interactive run of the model; a {@link SchedulerSaturated} when the lane is full. */
    public CompletableFuture<Inference> submit(LoadedModel model, RgbImage image) {
        CompletableFuture<Inference> outcome = new CompletableFuture<>();
        InferenceTask task = new InferenceTask() {
            @Override
            public String model() {
                return model.name();
            }

            @Override
            public int budget() {
                return model.config().maxConcurrent();
            }

            @Override
            public Lane lane() {
                return Lane.INTERACTIVE;
            }

            @Override
            public int images() {
                return 1;
            }

            @Override
            public void run() {
                if (outcome.isDone()) {
                    return; // the caller gave up waiting
                }
                try {
                    outcome.complete(engine.run(model, List.of(image)));
                } catch (Exception e) {
                    outcome.completeExceptionally(e);
                }
            }
        };
        locked(() -> {
            if (interactive.size() >= maxPending) {
                throw new SchedulerSaturated(interactive.size() + " requests are waiting for inference already");
            }
            interactive.add(task);
            interactiveDepth.set(interactive.size());
            changed.signalAll();
        });
        return outcome;
    }

    /**
     * Queues one step of long work (a generation's model run) for the model named: taken only by a worker that can
     * take no interactive or stream task, by at most {@code runtime.long-workers} workers at once. The step reports its own
     * outcome and queues the next one itself, so between two steps any other work goes first. Not bounded here: the
     * generation service admits a bounded number of generations, each with one step queued at a time.
     */
    public void submitLong(String model, int tokens, Runnable step) {
        InferenceTask task = new InferenceTask() {
            @Override
            public String model() {
                return model;
            }

            @Override
            public int budget() {
                return Integer.MAX_VALUE;
            }

            @Override
            public Lane lane() {
                return Lane.LONG;
            }

            @Override
            public int images() {
                return tokens;
            }

            @Override
            public void run() {
                step.run();
            }
        };
        locked(() -> {
            longWork.add(task);
            changed.signalAll();
        });
    }

    /** New stream work may be there (a frame was admitted). */
    public void wake() {
        locked(changed::signalAll);
    }

    /**
     * Stops handing out new work (runs in progress finish): for maintenance, and for tests and the benchmark to
     * build a backlog.
     */
    public void hold() {
        locked(() -> held = true);
    }

    public void release() {
        locked(() -> {
            held = false;
            changed.signalAll();
        });
    }

    /** The most recent dispatches, oldest first (at most 1024). */
    public List<Dispatch> recentDispatches() {
        return locked(() -> List.copyOf(history));
    }

    /** Tasks waiting in a lane. */
    public int queued(Lane lane) {
        return locked(() -> switch (lane) {
            case INTERACTIVE -> interactive.size();
            case STREAM -> stream.size();
            case LONG -> longWork.size();
        });
    }

    private int longDepth() {
        return locked(longWork::size);
    }

    public int batchCap() {
        return sizer.cap();
    }

    private void work() {
        while (true) {
            InferenceTask task;
            try {
                task = take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == null) {
                return;
            }
            long start = System.nanoTime();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Inference task of model %s failed", task.model());
            } finally {
                finish(task, System.nanoTime() - start);
            }
        }
    }

    private InferenceTask take() throws InterruptedException {
        lock.lock();
        try {
            while (!stopping) {
                if (!held) {
                    InferenceTask task = runnable(interactive);
                    if (task == null) {
                        task = runnable(stream);
                    }
                    if (task == null && stream.isEmpty() && streamWork.isResolvable()) {
                        StreamWork frames = streamWork.get();
                        List<InferenceTask> batch = frames.nextBatch(sizer.next(frames.backlog()));
                        if (!batch.isEmpty()) {
                            stream.addAll(batch);
                            continue;
                        }
                    }
                    if (task == null && longRunning < longWorkers) {
                        task = longWork.pollFirst(); // only when nothing else waits: between steps others go first
                    }
                    if (task != null) {
                        dispatch(task);
                        return task;
                    }
                }
                changed.await();
            }
            return null;
        } finally {
            interactiveDepth.set(interactive.size());
            streamDepth.set(stream.size());
            lock.unlock();
        }
    }

    /** The oldest task of the lane whose model has budget left, taken off the lane. */
    private InferenceTask runnable(ArrayDeque<InferenceTask> lane) {
        for (Iterator<InferenceTask> it = lane.iterator(); it.hasNext(); ) {
            InferenceTask task = it.next();
            if (inFlight.getOrDefault(task.model(), 0) < task.budget()) {
                it.remove();
                return task;
            }
        }
        return null;
    }

    private void dispatch(InferenceTask task) {
        int running = inFlight.merge(task.model(), 1, Integer::sum);
        if (task.lane() == Lane.LONG) {
            longRunning++;
        }
        history.addLast(new Dispatch(++sequence, task.lane(), task.model(), task.images(),
                interactive.size(), stream.size(), running));
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        metrics.dispatched(task.lane().name().toLowerCase(Locale.ROOT));
    }

    private void finish(InferenceTask task, long nanos) {
        if (task.lane() == Lane.STREAM) {
            sizer.record(task.images(), nanos);
        }
        locked(() -> {
            inFlight.merge(task.model(), -1, Integer::sum);
            if (task.lane() == Lane.LONG) {
                longRunning--;
            }
            changed.signalAll();
        });
    }

    private void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @PreDestroy
    void stop() {
        locked(() -> {
            stopping = true;
            changed.signalAll();
        });
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
