package org.vsekai.backpack.vision.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.inference.InferenceScheduler;
import org.vsekai.backpack.vision.metrics.VisionMetrics;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The frames admitted from Kafka and not yet in a batch, at most {@code queue-capacity}. A frame that finds the
 * queue full is admitted only when a batch makes room: until then the consumer method has not returned, so SmallRye
 * takes no further record and, once its own bounded buffer fills, pauses the Kafka consumer (backpressure).
 *
 * <p>While the backlog (frames behind in Kafka plus those queued) exceeds {@code sampling-lag-threshold}, the queue
 * samples: each camera keeps only its newest frame, the older ones are acknowledged unprocessed and counted as
 * skipped, so a lagging service works on what cameras show now instead of falling further behind. Sampling ends
 * once the service has caught up: nothing queued and nothing behind in Kafka. (Ending it on a lower threshold would
 * end it at once, since sampling itself shrinks the queue to one frame per camera.)
 *
 * <p>Completions of waiting admissions and acknowledgements run outside this object's lock, and the scheduler is
 * woken only after it is released, so the scheduler (which calls {@link #take} under its own lock) and the consumer
 * never wait on each other.
 */
@ApplicationScoped
public class FrameQueue {

    private static final Logger LOG = Logger.getLogger(FrameQueue.class);

    private final int capacity;
    private final int lagThreshold;
    private final VisionMetrics metrics;
    private final InferenceScheduler scheduler;
    private final ArrayDeque<PendingFrame> queue = new ArrayDeque<>();
    private final ArrayDeque<Admission> waiting = new ArrayDeque<>();
    private boolean sampling;
    private long kafkaLag;

    private record Admission(PendingFrame frame, UniEmitter<? super Void> emitter) {
    }

    public FrameQueue(VisionConfig config, VisionMetrics metrics, InferenceScheduler scheduler) {
        this.capacity = config.stream().queueCapacity();
        this.lagThreshold = config.stream().samplingLagThreshold();
        this.metrics = metrics;
        this.scheduler = scheduler;
        metrics.queue("frames", this::size);
        metrics.lag(this::backlog);
    }

    /** Completes when the frame is admitted (at once unless the queue is full). */
    public Uni<Void> offer(PendingFrame frame) {
        return Uni.createFrom().emitter(emitter -> {
            List<PendingFrame> skipped = new ArrayList<>();
            boolean admitted;
            synchronized (this) {
                admitted = admit(frame, skipped);
                if (!admitted) {
                    waiting.add(new Admission(frame, emitter));
                }
            }
            skip(skipped);
            if (admitted) {
                emitter.complete(null);
                scheduler.wake();
            }
        });
    }

    /** Up to {@code max} frames, oldest first, making room for frames waiting to be admitted. */
    public List<PendingFrame> take(int max) {
        List<PendingFrame> taken = new ArrayList<>(max);
        List<PendingFrame> skipped = new ArrayList<>();
        List<Admission> admitted;
        synchronized (this) {
            while (taken.size() < max && !queue.isEmpty()) {
                taken.add(queue.poll());
            }
            admitted = admitWaiting(skipped);
        }
        finish(skipped, admitted);
        return taken;
    }

    /** The Kafka lag (records behind what was admitted) as last read; switches sampling on or off. */
    public void lag(long recordsBehind) {
        List<PendingFrame> skipped = new ArrayList<>();
        List<Admission> admitted = List.of();
        synchronized (this) {
            kafkaLag = recordsBehind;
            long backlog = backlog();
            if (!sampling && backlog > lagThreshold) {
                sampling = true;
                LOG.infof("Camera frames are %d behind (threshold %d): keeping only each camera's newest frame",
                        backlog, lagThreshold);
                compact(skipped);
                admitted = admitWaiting(skipped);
            } else if (sampling && backlog == 0) {
                sampling = false;
                LOG.info("Camera frames caught up: every frame is processed again");
            }
        }
        finish(skipped, admitted);
    }

    public synchronized long backlog() {
        return kafkaLag + queue.size() + waiting.size();
    }

    public synchronized int size() {
        return queue.size();
    }

    public synchronized boolean sampling() {
        return sampling;
    }

    private boolean admit(PendingFrame frame, List<PendingFrame> skipped) {
        if (sampling) {
            for (Iterator<PendingFrame> it = queue.iterator(); it.hasNext(); ) {
                PendingFrame queued = it.next();
                if (queued.camera().equals(frame.camera())) {
                    it.remove();
                    skipped.add(queued);
                }
            }
        }
        if (queue.size() >= capacity) {
            return false;
        }
        queue.add(frame);
        return true;
    }

    private List<Admission> admitWaiting(List<PendingFrame> skipped) {
        List<Admission> admitted = new ArrayList<>();
        while (!waiting.isEmpty() && admit(waiting.peek().frame(), skipped)) {
            admitted.add(waiting.poll());
        }
        return admitted;
    }

    /** Keeps the newest queued frame of each camera. */
    private void compact(List<PendingFrame> skipped) {
        Map<String, PendingFrame> newest = new HashMap<>();
        for (PendingFrame frame : queue) {
            PendingFrame older = newest.put(frame.camera(), frame);
            if (older != null) {
                skipped.add(older);
            }
        }
        queue.removeAll(skipped);
    }

    private void finish(List<PendingFrame> skipped, List<Admission> admitted) {
        skip(skipped);
        if (!admitted.isEmpty()) {
            // Completing an admission lets SmallRye deliver the next record: not on the caller's (locked) thread.
            Infrastructure.getDefaultExecutor().execute(() -> admitted.forEach(a -> a.emitter().complete(null)));
            scheduler.wake();
        }
    }

    /** Skipped frames are done with: acknowledged (their offsets may be committed) and counted. */
    private void skip(List<PendingFrame> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        metrics.skipped(skipped.size());
        for (PendingFrame frame : skipped) {
            frame.message().ack();
        }
    }
}
