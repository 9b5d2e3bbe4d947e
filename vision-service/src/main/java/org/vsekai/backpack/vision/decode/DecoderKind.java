package org.vsekai.backpack.vision.decode;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.vsekai.backpack.vision.model.ExpectedSignature;
import org.vsekai.backpack.vision.model.Task;
import org.vsekai.backpack.vision.model.TensorRule;
import org.vsekai.backpack.vision.tensor.Layout;

/**
 * The output formats the service reads, each with the task it serves, the label set it has unless configured
 * otherwise, and the signature a model must have for it. {@code B} is the batch, {@code H}, {@code W} and {@code R}
 * the input size, the other letters sizes the decoder reads from the outputs.
 */
public enum DecoderKind {

    RF_DETR(Task.DETECTION, "coco-91", List.of(TensorRule.named("dets", "float32", "B", "Q", 4),
            TensorRule.named("labels", "float32", "B", "Q", "C")), RfDetrDecoder::new) {
        @Override
        TensorRule input(String type, Layout layout) {
            return layout == Layout.NCHW ? TensorRule.named("input", type, "B", 3, "R", "R")
                    : TensorRule.named("input", type, "B", "R", "R", 3);
        }
    },
    YOLO_NAS_POSE(Task.POSE, "person", List.of(
            TensorRule.positional(Set.of("int64", "int32", "float32"), "B", 1),
            TensorRule.positional(Set.of("float32"), "B", "N", 4),
            TensorRule.positional(Set.of("float32"), "B", "N"),
            TensorRule.positional(Set.of("float32"), "B", "N", 17, 3)), YoloNasPoseDecoder::new),
    YOLOV8_POSE(Task.POSE, "person", List.of(TensorRule.named("output0", "float32", "B", 56, "A")),
            YoloV8PoseDecoder::new) {
        @Override
        TensorRule input(String type, Layout layout) {
            return layout == Layout.NCHW ? TensorRule.named("images", type, "B", 3, "H", "W")
                    : TensorRule.named("images", type, "B", "H", "W", 3);
        }
    },
    DB_TEXT(Task.TEXT_DETECTION, "text", List.of(TensorRule.positional(Set.of("float32"), "B", 1, "H", "W")),
            DbTextDecoder::new),
    CLASSIFIER(Task.CLASSIFICATION, null, List.of(TensorRule.positional(Set.of("float32"), "B", "K")),
            ClassifierDecoder::new),
    /** CTC text recognition: per time step the probability of each class, class 0 the blank. */
    CTC(Task.TEXT_RECOGNITION, null, List.of(TensorRule.positional(Set.of("float32"), "B", "T", "V")),
            CtcDecoder::new);

    private final Task task;
    private final String defaultLabels;
    private final List<TensorRule> outputs;
    private final Function<DecoderSettings, Decoder> factory;

    DecoderKind(Task task, String defaultLabels, List<TensorRule> outputs,
                Function<DecoderSettings, Decoder> factory) {
        this.task = task;
        this.defaultLabels = defaultLabels;
        this.outputs = outputs;
        this.factory = factory;
    }

    public Task task() {
        return task;
    }

    /** The built-in label set the decoder uses when none is configured; null when labels must be configured. */
    public String defaultLabels() {
        return defaultLabels;
    }

    /** The one image input, with the element type the model is configured to take. */
    TensorRule input(String type, Layout layout) {
        return layout == Layout.NCHW ? TensorRule.positional(Set.of(type), "B", 3, "H", "W")
                : TensorRule.positional(Set.of(type), "B", "H", "W", 3);
    }

    public ExpectedSignature expected(String inputType, Layout layout) {
        return new ExpectedSignature(List.of(input(inputType, layout)), outputs);
    }

    public Decoder create(DecoderSettings settings) {
        return factory.apply(settings);
    }
}
