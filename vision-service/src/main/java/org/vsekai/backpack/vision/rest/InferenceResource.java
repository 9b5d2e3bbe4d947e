package org.vsekai.backpack.vision.rest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.vision.InferenceResult;
import org.vsekai.backpack.contracts.vision.StageTimes;
import org.vsekai.backpack.contracts.vision.VisionJsonLd;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.vision.config.ConfigNames;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.decode.ImageFindings;
import org.vsekai.backpack.vision.image.ImageDecoder;
import org.vsekai.backpack.vision.image.ImageRejected;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.inference.Inference;
import org.vsekai.backpack.vision.inference.InferenceScheduler;
import org.vsekai.backpack.vision.inference.SchedulerSaturated;
import org.vsekai.backpack.vision.metrics.VisionMetrics;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.model.ModelRegistry;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /infer/{model}}: one PNG or JPEG in the body, the model's decoded findings back, as JSON or, on
 * {@code Accept: application/ld+json}, as JSON-LD. Requests go to the interactive lane, which workers serve before
 * stream work. Limits: {@code backpack.vision.limits.*} (bytes, pixels, side), the interactive queue and the request
 * timeout; each refusal is a problem.
 */
@Path("/infer/{model}")
public class InferenceResource {

    private final ModelRegistry registry;
    private final InferenceScheduler scheduler;
    private final VisionMetrics metrics;
    private final ImageDecoder decoder;
    private final Duration timeout;

    public InferenceResource(ModelRegistry registry, InferenceScheduler scheduler, VisionMetrics metrics,
                             VisionConfig config) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.decoder = new ImageDecoder(config.limits().maxImageBytes(), config.limits().maxPixels(),
                config.limits().maxDimension());
        this.timeout = config.runtime().requestTimeout();
    }

    @POST
    @Blocking // the body is read as a stream, within the byte limit
    @Consumes({"image/png", "image/jpeg", MediaType.APPLICATION_OCTET_STREAM})
    @Produces({MediaType.APPLICATION_JSON, VisionJsonLd.MEDIA_TYPE})
    @Operation(summary = "Run a model on an image", description = "The body is one PNG or JPEG image. The answer is"
            + " what the model found, in pixels of that image: detections, people with their keypoints, or classes."
            + " Accept: application/ld+json gives it as JSON-LD in the Backpack vocabulary.")
    public Uni<Response> infer(@PathParam("model") String name, InputStream body,
                               @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        LoadedModel model = registry.find(name).orElseThrow(() -> new ProblemException(Problem.ofType(
                "vision/unknown-model", 404, "Unknown model", "No model is called " + name + "; GET /models lists "
                        + "them")));
        long start = System.nanoTime();
        RgbImage image = decode(decoder, read(body, decoder));
        long decodeNanos = System.nanoTime() - start;
        metrics.stage(model.name(), VisionMetrics.Stage.DECODE, decodeNanos);
        CompletableFuture<Inference> running;
        try {
            running = scheduler.submit(model, image);
        } catch (SchedulerSaturated e) {
            throw new ProblemException(Problem.ofType("vision/busy", 503, "Inference is saturated",
                    e.getMessage() + "; try again shortly"));
        }
        boolean jsonLd = accept != null && accept.contains(VisionJsonLd.MEDIA_TYPE);
        return Uni.createFrom().completionStage(running)
                .ifNoItem().after(timeout).recoverWithUni(() -> {
                    running.cancel(false); // a worker that reaches it later skips it
                    return Uni.createFrom().failure(new ProblemException(Problem.ofType("vision/timeout", 503,
                            "Inference timed out", "The model did not answer within " + timeout.toMillis()
                                    + " ms")));
                })
                .map(inference -> {
                    InferenceResult result = result(model, image, inference, decodeNanos);
                    return Response.ok(jsonLd ? result.asJsonLd() : result)
                            .type(jsonLd ? VisionJsonLd.MEDIA_TYPE : MediaType.APPLICATION_JSON).build();
                });
    }

    /** The body, at most the decoder's byte limit (a 413 problem past it). */
    static byte[] read(InputStream body, ImageDecoder decoder) {
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, decoder.maxBytes() + 1));
            if (bytes.length > decoder.maxBytes()) {
                throw new ProblemException(Problem.ofType("vision/image-too-large", 413, "Image too large",
                        "An image may have at most " + decoder.maxBytes() + " bytes"));
            }
            return bytes;
        } catch (IOException e) {
            throw new ProblemException(Problem.of(400, "Bad Request", "The body could not be read: "
                    + e.getMessage()));
        }
    }

    /** The image, or the problem of why not. */
    static RgbImage decode(ImageDecoder decoder, byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (ImageRejected e) {
            throw new ProblemException(switch (e.kind()) {
                case TOO_LARGE -> Problem.ofType("vision/image-too-large", 413, "Image too large", e.getMessage());
                case TOO_MANY_PIXELS -> Problem.ofType("vision/too-many-pixels", 413, "Image too large",
                        e.getMessage());
                case UNSUPPORTED -> Problem.ofType("vision/unsupported-image", 415, "Unsupported image",
                        e.getMessage());
                case UNDECODABLE -> Problem.ofType("vision/undecodable-image", 400, "Undecodable image",
                        e.getMessage());
            });
        }
    }

    private static InferenceResult result(LoadedModel model, RgbImage image, Inference inference, long decodeNanos) {
        ImageFindings found = inference.findings().get(0);
        return new InferenceResult(null, model.name(), model.version(), ConfigNames.of(model.task()), image.width(),
                image.height(), found.detections(), found.people(), found.classes(),
                new StageTimes(millis(decodeNanos), millis(inference.preNanos()), millis(inference.runNanos()),
                        millis(inference.postNanos())));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
