package org.vsekai.backpack.vision.stream;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.vision.inference.InferenceEngine;
import org.vsekai.backpack.vision.inference.InferenceTask;
import org.vsekai.backpack.vision.inference.StreamWork;
import org.vsekai.backpack.vision.metrics.VisionMetrics;
import org.vsekai.backpack.vision.model.ModelRegistry;

/** The scheduler's stream work: admitted frames, taken as micro-batches, one task per stream model. */
@ApplicationScoped
public class FrameBatcher implements StreamWork {

    private final FrameQueue queue;
    private final ModelRegistry registry;
    private final FrameImages images;
    private final InferenceEngine engine;
    private final FindingsPublisher publisher;
    private final VisionMetrics metrics;

    public FrameBatcher(FrameQueue queue, ModelRegistry registry, FrameImages images, InferenceEngine engine,
                        FindingsPublisher publisher, VisionMetrics metrics) {
        this.queue = queue;
        this.registry = registry;
        this.images = images;
        this.engine = engine;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Override
    public List<InferenceTask> nextBatch(int maxFrames) {
        List<PendingFrame> frames = queue.take(maxFrames);
        if (frames.isEmpty()) {
            return List.of();
        }
        return new FrameBatch(frames, registry.streamModels(), this).tasks();
    }

    FrameImages images() {
        return images;
    }

    InferenceEngine engine() {
        return engine;
    }

    FindingsPublisher publisher() {
        return publisher;
    }

    VisionMetrics metrics() {
        return metrics;
    }

    @Override
    public long backlog() {
        return queue.backlog();
    }
}
