package org.vsekai.backpack.vision.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The vision service's meters, all named {@code backpack.vision.*}: time per model and stage, batch sizes, frames
 * received, rejected, skipped and processed, queue depths and consumer lag, dispatches per lane.
 */
@Singleton
public class VisionMetrics {

    /** The stages of one inference. */
    public enum Stage {
        DECODE, PRE, RUN, POST
    }

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> batches = new ConcurrentHashMap<>();
    private final Map<String, Counter> dispatches = new ConcurrentHashMap<>();
    private final Counter received;
    private final Counter rejected;
    private final Counter skipped;
    private final Counter processed;

    public VisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("backpack.vision.frames.received")
                .description("Valid camera frames taken from camera-frames").register(registry);
        this.rejected = Counter.builder("backpack.vision.frames.rejected")
                .description("Camera frames sent to camera-frames.dlq because they cannot be processed")
                .register(registry);
        this.skipped = Counter.builder("backpack.vision.frames.skipped")
                .description("Camera frames passed over while lagging because a newer frame of the camera came")
                .register(registry);
        this.processed = Counter.builder("backpack.vision.frames.processed")
                .description("Camera frames whose results the broker acknowledged").register(registry);
    }

    public void stage(String model, Stage stage, long nanos) {
        timers.computeIfAbsent(model + "|" + stage, k -> Timer.builder("backpack.vision.inference.duration")
                        .description("Time of one batch in one stage: image decode, pre-processing, run, decoding")
                        .tag("model", model).tag("stage", stage.name().toLowerCase(Locale.ROOT))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void batch(String model, int size) {
        batches.computeIfAbsent(model, k -> DistributionSummary.builder("backpack.vision.batch.size")
                        .description("Images per model run").tag("model", model).register(registry))
                .record(size);
    }

    public void dispatched(String lane) {
        dispatches.computeIfAbsent(lane, k -> Counter.builder("backpack.vision.dispatches")
                .description("Inference tasks started, per lane").tag("lane", lane).register(registry)).increment();
    }

    /** A queue's depth, read when scraped. */
    public void queue(String queue, Supplier<Number> depth) {
        Gauge.builder("backpack.vision.queue.depth", depth).description("Work waiting, per queue")
                .tag("queue", queue).register(registry);
    }

    public void lag(Supplier<Number> lag) {
        Gauge.builder("backpack.vision.consumer.lag", lag)
                .description("camera-frames records not yet processed: behind in Kafka plus admitted")
                .register(registry);
    }

    public void received() {
        received.increment();
    }

    public void rejected() {
        rejected.increment();
    }

    public void skipped(int frames) {
        skipped.increment(frames);
    }

    public void processed() {
        processed.increment();
    }

    public double skippedCount() {
        return skipped.count();
    }
}
