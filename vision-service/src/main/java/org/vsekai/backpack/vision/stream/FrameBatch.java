package org.vsekai.backpack.vision.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.vsekai.backpack.vision.decode.ImageFindings;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.inference.Inference;
import org.vsekai.backpack.vision.inference.InferenceTask;
import org.vsekai.backpack.vision.inference.Lane;
import org.vsekai.backpack.vision.metrics.VisionMetrics;
import org.vsekai.backpack.vision.model.LoadedModel;

/**
 * One micro-batch of frames on its way through every stream model: a task per model, which may run on different
 * workers at once. Each frame's image is read and decoded once, by whichever task needs it first. When the last task
 * is done, each frame's findings are published and the frame acknowledged, or, for a frame that cannot be
 * processed, the frame goes to the dead-letter topic with the reason; the other frames of the batch go on.
 */
final class FrameBatch {

    private static final Logger LOG = Logger.getLogger(FrameBatch.class);

    private final List<PendingFrame> frames;
    private final List<LoadedModel> models;
    /** Whose image reader, engine, publisher and meters the batch uses. */
    private final FrameBatcher parts;
    private final VisionMetrics metrics;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger remaining;

    FrameBatch(List<PendingFrame> frames, List<LoadedModel> models, FrameBatcher parts) {
        this.frames = frames;
        this.models = models;
        this.parts = parts;
        this.metrics = parts.metrics();
        this.remaining = new AtomicInteger(models.size());
        frames.forEach(frame -> slots.add(new Slot(frame)));
    }

    List<InferenceTask> tasks() {
        return models.stream().<InferenceTask>map(ModelRun::new).toList();
    }

    /** One frame of the batch: its image once decoded, why it is unusable, what each model found. */
    private final class Slot {
        final PendingFrame pending;
        final Map<LoadedModel, ImageFindings> found = new ConcurrentHashMap<>();
        private RgbImage image;
        private volatile String poison;
        private boolean read;

        Slot(PendingFrame pending) {
            this.pending = pending;
        }

        synchronized RgbImage image(String model) {
            if (!read) {
                read = true;
                long start = System.nanoTime();
                try {
                    image = parts.images().read(pending.frame());
                } catch (InvalidFrameException e) {
                    poison = e.getMessage();
                }
                metrics.stage(model, VisionMetrics.Stage.DECODE, System.nanoTime() - start);
            }
            return image;
        }

        void poison(String reason) {
            poison = reason;
        }
    }

    private final class ModelRun implements InferenceTask {
        private final LoadedModel model;

        ModelRun(LoadedModel model) {
            this.model = model;
        }

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
            return Lane.STREAM;
        }

        @Override
        public int images() {
            return frames.size();
        }

        @Override
        public void run() {
            try {
                List<Slot> usable = new ArrayList<>();
                List<RgbImage> pictures = new ArrayList<>();
                for (Slot slot : slots) {
                    RgbImage image = slot.image(model.name());
                    if (image != null) {
                        usable.add(slot);
                        pictures.add(image);
                    }
                }
                if (!usable.isEmpty()) {
                    infer(usable, pictures);
                }
            } finally {
                if (remaining.decrementAndGet() == 0) {
                    complete();
                }
            }
        }

        /** The whole batch in one go; when that fails, frame by frame, so only the frame at fault is poisoned. */
        private void infer(List<Slot> usable, List<RgbImage> pictures) {
            try {
                Inference inference = parts.engine().run(model, pictures);
                for (int i = 0; i < usable.size(); i++) {
                    usable.get(i).found.put(model, inference.findings().get(i));
                }
                return;
            } catch (Exception e) {
                if (usable.size() == 1) {
                    usable.get(0).poison("model " + model.name() + " failed on frame "
                            + usable.get(0).pending.frame().frameId() + ": " + e.getMessage());
                    return;
                }
                LOG.warnf("Model %s failed on a batch of %d frames (%s); running them one by one", model.name(),
                        usable.size(), e.getMessage());
            }
            for (int i = 0; i < usable.size(); i++) {
                infer(List.of(usable.get(i)), List.of(pictures.get(i)));
            }
        }
    }

    private void complete() {
        for (Slot slot : slots) {
            PendingFrame pending = slot.pending;
            if (slot.poison != null) {
                metrics.rejected();
                LOG.warnf("Camera frame to the dead-letter topic: %s", slot.poison);
                pending.message().nack(new InvalidFrameException(slot.poison));
                continue;
            }
            Map<LoadedModel, ImageFindings> ordered = new LinkedHashMap<>();
            models.forEach(model -> ordered.put(model, slot.found.get(model)));
            parts.publisher().publish(pending, ordered).subscribe().with(
                    published -> {
                        metrics.processed();
                        pending.message().ack();
                    },
                    failure -> {
                        LOG.warnf("Results of frame %s not published (%s): the frame goes to the dead-letter topic",
                                pending.frame().frameId(), failure.getMessage());
                        pending.message().nack(failure);
                    });
        }
    }
}
