package org.vsekai.backpack.vision.imaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.inference.InferenceScheduler;

/**
 * The configured image-to-image models, each tile run as a step of long work on the scheduler (interactive and
 * stream work go first between two tiles), within {@code image-to-image.max-concurrent} images at once and a
 * deadline per image.
 */
@Singleton
public class ImageToImage {

    private static final Logger LOG = Logger.getLogger(ImageToImage.class);

    private final VisionConfig.ImageToImage config;
    private final InferenceScheduler scheduler;
    private final Map<String, ImageModel> models = new LinkedHashMap<>();
    private final Semaphore admissions;

    public ImageToImage(VisionConfig config, InferenceScheduler scheduler) {
        this.config = config.imageToImage();
        this.scheduler = scheduler;
        this.admissions = new Semaphore(this.config.maxConcurrent());
        this.config.models().forEach((name, model) -> models.put(name, ImageModel.load(name, model)));
    }

    public Map<String, ImageModel> models() {
        return Map.copyOf(models);
    }

    /** The model's output for the whole image, tile by tile. */
    public RgbImage apply(String name, RgbImage image) throws Exception {
        ImageModel model = models.get(name);
        if (model == null) {
            throw new ImagingRejected(404, "unknown-model", "Unknown model", "No image-to-image model " + name
                    + "; there are " + models.keySet());
        }
        long output = image.pixelCount() * model.scale() * model.scale();
        if (output > config.maxOutputPixels()) {
            throw new ImagingRejected(413, "too-many-pixels", "Output too large", "The output would have " + output
                    + " pixels; at most " + config.maxOutputPixels());
        }
        if (model.fixed() && (image.width() < model.tile() || image.height() < model.tile())) {
            throw new ImagingRejected(400, "image-smaller-than-tile", "Image too small", "This model takes "
                    + model.tile() + "x" + model.tile() + " tiles; the image is " + image.width() + "x"
                    + image.height());
        }
        if (!admissions.tryAcquire()) {
            throw new ImagingRejected(503, "busy", "Image-to-image is saturated", config.maxConcurrent()
                    + " images are being transformed already");
        }
        long deadline = System.nanoTime() + config.deadline().toNanos();
        try {
            return model.transform().apply(image, (chw, w, h) -> onLongLane(model, chw, w, h, deadline));
        } finally {
            admissions.release();
        }
    }

    private float[] onLongLane(ImageModel model, float[] chw, int width, int height, long deadline)
            throws Exception {
        CompletableFuture<float[]> tile = new CompletableFuture<>();
        scheduler.submitLong(model.name(), 1, () -> {
            if (tile.isDone()) {
                return; // the request gave up
            }
            try {
                tile.complete(model.run(chw, width, height));
            } catch (Exception e) {
                tile.completeExceptionally(e);
            }
        });
        try {
            return tile.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            tile.cancel(false);
            throw new ImagingRejected(503, "timeout", "Image-to-image timed out", "The image was not done within "
                    + config.deadline());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @PreDestroy
    void close() {
        for (ImageModel model : models.values()) {
            try {
                model.close();
            } catch (Exception e) {
                LOG.warnf("Closing image model %s: %s", model.name(), e.getMessage());
            }
        }
    }
}
