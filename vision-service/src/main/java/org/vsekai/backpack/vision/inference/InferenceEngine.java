package org.vsekai.backpack.vision.inference;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.vsekai.backpack.vision.decode.ImageFindings;
import org.vsekai.backpack.vision.image.RgbImage;
import org.vsekai.backpack.vision.metrics.VisionMetrics;
import org.vsekai.backpack.vision.model.LoadedModel;
import org.vsekai.backpack.vision.model.ModelLoader;
import org.vsekai.backpack.vision.ocr.TextReader;
import org.vsekai.backpack.vision.ocr.TextReaders;
import org.vsekai.backpack.vision.tensor.Placement;
import org.vsekai.backpack.vision.tensor.Preprocessing;
import org.vsekai.backpack.vision.tensor.TensorBuffers;
import org.vsekai.backpack.vision.tensor.TensorType;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Runs a model on images: pre-processing into the calling thread's reusable direct buffer, one session run per batch
 * (split by the model's batch limit and by tensor shape), decoding; input tensors and results are closed before the
 * method returns, so nothing native outlives a call. The time of each stage is measured per model.
 */
@Singleton
public class InferenceEngine {

    private final OrtEnvironment environment = ModelLoader.environment();
    private final VisionMetrics metrics;
    private final TextReaders readers;

    /** An engine without OCR pipelines (tests and the benchmark of single models). */
    public InferenceEngine(VisionMetrics metrics) {
        this(metrics, TextReaders.none());
    }

    @Inject
    public InferenceEngine(VisionMetrics metrics, TextReaders readers) {
        this.metrics = metrics;
        this.readers = readers;
    }

    /**
     * The model on the images; for a text detector with an OCR pipeline, its boxes read too (the reading's time
     * counts as post-processing).
     */
    public Inference run(LoadedModel model, List<RgbImage> images) throws OrtException {
        Preprocessing pre = model.preprocessing();
        Inference detected = run(model, images, images.stream().map(i -> pre.place(i.width(), i.height())).toList());
        Optional<TextReader> reader = readers.of(model);
        if (reader.isEmpty()) {
            return detected;
        }
        long start = System.nanoTime();
        List<ImageFindings> read = reader.get().read(this, images, detected.findings());
        return new Inference(read, detected.preNanos(), detected.runNanos(),
                detected.postNanos() + System.nanoTime() - start);
    }

    /** The model on the images, each where the caller placed it in the tensor (no OCR stages). */
    public Inference run(LoadedModel model, List<RgbImage> images, List<Placement> placements) throws OrtException {
        List<ImageFindings> findings = new ArrayList<>(images.size());
        long[] nanos = new long[3];
        int from = 0;
        while (from < images.size()) {
            int to = from + 1;
            while (to < images.size() && to - from < model.maxBatch()
                    && placements.get(to).sameTensor(placements.get(from))) {
                to++;
            }
            findings.addAll(runBatch(model, images.subList(from, to), placements.subList(from, to), nanos));
            from = to;
        }
        return new Inference(findings, nanos[0], nanos[1], nanos[2]);
    }

    private List<ImageFindings> runBatch(LoadedModel model, List<RgbImage> images, List<Placement> placements,
                                         long[] nanos) throws OrtException {
        long start = System.nanoTime();
        Preprocessing pre = model.preprocessing();
        Placement shape = placements.get(0);
        int elements = Preprocessing.elements(shape) * images.size();
        boolean bytes = pre.type() == TensorType.UINT8;
        ByteBuffer buffer = TensorBuffers.borrow(bytes ? elements : elements * Float.BYTES);
        for (int i = 0; i < images.size(); i++) {
            if (bytes) {
                pre.write(images.get(i), placements.get(i), buffer, i);
            } else {
                pre.write(images.get(i), placements.get(i), buffer.asFloatBuffer(), i);
            }
        }
        long[] tensorShape = pre.shape(images.size(), shape);
        try (OnnxTensor input = bytes
                ? OnnxTensor.createTensor(environment, buffer, tensorShape, OnnxJavaType.UINT8)
                : OnnxTensor.createTensor(environment, buffer.asFloatBuffer(), tensorShape)) {
            long prepared = System.nanoTime();
            return runAndDecode(model, input, placements, nanos, start, prepared);
        }
    }

    /**
     * The run and decode path on a prepared input tensor, the part a bare {@code OrtSession.run} is compared with;
     * the tensor stays the caller's.
     */
    public List<ImageFindings> runAndDecode(LoadedModel model, OnnxTensor input, List<Placement> placements)
            throws OrtException {
        long now = System.nanoTime();
        return runAndDecode(model, input, placements, new long[3], now, now);
    }

    private List<ImageFindings> runAndDecode(LoadedModel model, OnnxTensor input, List<Placement> placements,
                                             long[] nanos, long start, long prepared) throws OrtException {
        try (OrtSession.Result result = model.run(input)) {
            long ran = System.nanoTime();
            List<ImageFindings> findings = model.decoder().decode(result, placements);
            long decoded = System.nanoTime();
            nanos[0] += prepared - start;
            nanos[1] += ran - prepared;
            nanos[2] += decoded - ran;
            if (prepared > start) {
                metrics.stage(model.name(), VisionMetrics.Stage.PRE, prepared - start);
            }
            metrics.stage(model.name(), VisionMetrics.Stage.RUN, ran - prepared);
            metrics.stage(model.name(), VisionMetrics.Stage.POST, decoded - ran);
            metrics.batch(model.name(), placements.size());
            return findings;
        }
    }

    public OrtEnvironment environment() {
        return environment;
    }
}
