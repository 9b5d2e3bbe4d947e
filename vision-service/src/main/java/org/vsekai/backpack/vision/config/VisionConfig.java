package org.vsekai.backpack.vision.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.vsekai.backpack.vision.decode.DecoderKind;
import org.vsekai.backpack.vision.model.ExecutionProvider;
import org.vsekai.backpack.vision.model.Optimisation;
import org.vsekai.backpack.vision.model.Task;
import org.vsekai.backpack.vision.tensor.Anchor;
import org.vsekai.backpack.vision.tensor.ColourOrder;
import org.vsekai.backpack.vision.tensor.Layout;
import org.vsekai.backpack.vision.tensor.Resize;
import org.vsekai.backpack.vision.tensor.TensorType;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the vision service is configured with: its models, its workers, the stream and the limits. */
@ConfigMapping(prefix = "backpack.vision")
public interface VisionConfig {

    /** The models by name: the name is the path segment of {@code POST /infer/{model}} and the model of events. */
    Map<String, Model> models();

    Runtime runtime();

    Stream stream();

    Limits limits();

    Audio audio();

    Speech speech();

    Embeddings embeddings();

    Generation generation();

    ImageToImage imageToImage();

    /** One model: where it is, what it does, how its images are prepared and its outputs read. */
    interface Model {

        /** A path to the {@code .onnx} file, or {@code classpath:<resource>}. */
        String file();

        Task task();

        DecoderKind decoder();

        /** Tensor width; when absent, the model's own static width. */
        Optional<Integer> inputWidth();

        /** Tensor height; when absent, the model's own static height. */
        Optional<Integer> inputHeight();

        @WithDefault("stretch")
        Resize resize();

        /** Where a letterboxed image sits in its tensor. */
        @WithDefault("center")
        Anchor letterboxAnchor();

        /** The grey level (0-255) of padding, before normalisation. */
        @WithDefault("114")
        int padValue();

        /** For {@code fit}: both sides become multiples of this. */
        @WithDefault("32")
        int stride();

        /** For {@code fit}: the longer side is at most this many pixels. */
        @WithDefault("960")
        int maxSide();

        @WithDefault("rgb")
        ColourOrder colourOrder();

        /** A pixel value is divided by this before mean and std apply ({@code 255} gives [0, 1]). */
        @WithDefault("255")
        double divisor();

        /** Per tensor channel, subtracted after the division; none by default. */
        Optional<List<Double>> mean();

        /** Per tensor channel, divided by after the mean; none by default. */
        Optional<List<Double>> std();

        @WithDefault("float32")
        TensorType tensorType();

        @WithDefault("nchw")
        Layout layout();

        /** A built-in label set ({@code coco-91}, {@code person}, {@code text}) or a file with one label a line. */
        Optional<String> labels();

        /** The labels themselves, instead of {@link #labels()} ({@code 0,180}). */
        Optional<List<String>> labelNames();

        /** A class's IRI is this followed by its label, lower-cased, spaces as hyphens. */
        @WithDefault("https://backpack.v-sekai.org/ns/classes/")
        String classIriBase();

        /** Findings below this score are dropped (for DB text detection: the mean probability of a region). */
        @WithDefault("0.5")
        double scoreThreshold();

        /** Non-maximum suppression: a box overlapping a better one by more than this is dropped (YOLOv8). */
        @WithDefault("0.45")
        double iouThreshold();

        @WithDefault("100")
        int maxDetections();

        /** Keypoints below this score count as not seen in the pose vector. */
        @WithDefault("0.3")
        double keypointThreshold();

        Text text();

        /** For a text-detection model: the rest of the OCR pipeline, which makes its detections text annotations. */
        Ocr ocr();

        /** For a CTC recogniser: how its outputs become text. */
        Ctc ctc();

        Session session();

        /** How many runs of this model may be in progress at once, out of all the workers. */
        @WithDefault("1")
        int maxConcurrent();

        /** Most images in one run (a model with a static batch dimension of 1 takes 1 whatever this says). */
        @WithDefault("8")
        int maxBatch();

        /** Whether the model runs on every frame of {@code camera-frames}. */
        @WithDefault("false")
        boolean stream();
    }

    /** PaddleOCR DB text detection: probability map to boxes. */
    interface Text {

        /** Pixels above this probability are text. */
        @WithDefault("0.3")
        double binaryThreshold();

        /** A region grows by area × ratio / perimeter on every side (DB's shrunk kernels are smaller than the text). */
        @WithDefault("1.5")
        double unclipRatio();

        /** Regions with a side shorter than this (in tensor pixels) are dropped. */
        @WithDefault("3")
        int minSize();
    }

    /**
     * The OCR stages after a text detector: each box is cropped along its own orientation, turned over when the
     * orientation classifier says it is upside down, and read by the recogniser.
     */
    interface Ocr {

        /** A {@code text-recognition} model (decoder {@code ctc}); when set, the detector's boxes are read. */
        Optional<String> recogniser();

        /** A {@code classification} model with labels {@code 0,180}, PaddleOCR's text-orientation classifier. */
        Optional<String> classifier();

        /** A crop is turned by 180° when the classifier says {@code 180} at least this sure (PaddleOCR: 0.9). */
        @WithDefault("0.9")
        double classifierThreshold();

        /** Text read with less confidence than this is not kept (PaddleOCR's drop_score). */
        @WithDefault("0.5")
        double dropScore();
    }

    /** CTC decoding. */
    interface Ctc {

        /** 1: greedy (best class per step, repeats merged, blanks dropped); more: prefix beam search this wide. */
        @WithDefault("1")
        int beamWidth();
    }

    /** ONNX Runtime session options. */
    interface Session {

        /** Threads inside one operator; 0 lets ONNX Runtime choose (one per core). */
        @WithDefault("0")
        int intraOpThreads();

        /** Threads across operators; 0 lets ONNX Runtime choose. */
        @WithDefault("0")
        int interOpThreads();

        @WithDefault("all")
        Optimisation optimisation();

        @WithDefault("cpu")
        ExecutionProvider executionProvider();

        /** The device of a GPU execution provider. */
        @WithDefault("0")
        int deviceId();
    }

    /** The inference workers and the interactive lane. */
    interface Runtime {

        /** Inference worker threads; one per core when absent. */
        Optional<Integer> workers();

        /** Interactive requests waiting for a worker; one more is a 503 problem. */
        @WithDefault("64")
        int maxPendingRequests();

        /** How long an interactive request may wait and run before it is a 503 problem. */
        @WithDefault("30s")
        Duration requestTimeout();

        /**
         * Workers that may run a step of long work (a generation's model runs) at once. Long work takes a worker only
         * when no interactive or stream work is waiting; fewer than {@code workers} keeps the rest for them.
         */
        @WithDefault("1")
        int longWorkers();
    }

    /** The camera-frames stream. */
    interface Stream {

        /** Frames admitted and not yet in a batch; when full, the consumer stops taking records (backpressure). */
        @WithDefault("32")
        int queueCapacity();

        /** Most frames in one micro-batch. */
        @WithDefault("8")
        int maxBatch();

        /** A batch that takes longer than this halves the batch size; one within it lets the size double again. */
        @WithDefault("250ms")
        Duration targetBatchLatency();

        /** Frames behind (not yet processed) beyond which each camera keeps only its newest frame. */
        @WithDefault("64")
        int samplingLagThreshold();

        /** How often the consumer's lag is read from the Kafka client. */
        @WithDefault("250ms")
        Duration lagPollInterval();

        /** Publishing a frame's results is retried this often before the frame goes to the dead-letter topic. */
        @WithDefault("3")
        int publishRetries();

        @WithDefault("200ms")
        Duration publishBackoff();
    }

    /** Voice activity on uploaded audio ({@code POST /audio/segments}). */
    interface Audio {

        /** Silero VAD v5 ({@code .onnx}, or {@code classpath:<resource>}); without it the endpoint answers 503. */
        Optional<String> vadModel();

        /** Largest WAV body, header included, in bytes. */
        @WithDefault("67108864")
        long maxBytes();

        /** Longest audio, read from the header before any sample is. */
        @WithDefault("30m")
        Duration maxDuration();

        /** A window at or above this speech probability is speech (Silero's threshold). */
        @WithDefault("0.5")
        double threshold();

        /** Speech shorter than this is dropped. */
        @WithDefault("250ms")
        Duration minSpeech();

        /** A pause shorter than this does not end a segment. */
        @WithDefault("100ms")
        Duration minSilence();

        /** Every segment is widened by this on both sides (up to half the pause between two). */
        @WithDefault("30ms")
        Duration speechPad();

        /** Uploads analysed at once; one more is a 503 problem. */
        @WithDefault("2")
        int maxConcurrent();

        @WithDefault("1")
        int intraOpThreads();
    }

    /** Speech to text ({@code POST /audio/transcriptions}) with a CTC acoustic model of wav2vec2's signature. */
    interface Speech {

        /** float32 [1,S] of 16 kHz audio to logits [1,T,V]; without it the endpoint answers 503. */
        Optional<String> acousticModel();

        /** The model's tokens, one a line by class index; the first is the CTC blank (wav2vec2's {@code <pad>}). */
        Optional<String> vocabulary();

        /** The token that separates words (wav2vec2's {@code |}): read as a space. */
        @WithDefault("|")
        String wordDelimiter();

        /** 1: greedy CTC; more: prefix beam search this wide (the OCR decoder's). */
        @WithDefault("1")
        int beamWidth();

        /** Longest upload: it is held whole at 16 kHz (4 bytes a sample) while it is cut and read. */
        @WithDefault("2m")
        Duration maxDuration();

        /** Cut the audio into speech segments with the voice-activity model first, when one is configured. */
        @WithDefault("true")
        boolean vad();

        @WithDefault("1")
        int intraOpThreads();

        Voice voice();
    }

    /** Text to speech with a VITS voice of Piper's signature, its phonemes from espeak-ng. */
    interface Voice {

        /** ids int64 [1,N], lengths int64 [1], scales float32 [3] to audio float32 [1,1,S]; none: 503. */
        Optional<String> model();

        /** Piper's voice JSON: {@code phoneme_id_map}, {@code audio.sample_rate}, {@code inference}, {@code espeak}. */
        Optional<String> config();

        /** The espeak-ng program that turns text into phonemes. */
        @WithDefault("espeak-ng")
        String espeak();

        /** Longest text spoken, in characters. */
        @WithDefault("2000")
        int maxText();
    }

    /** Sentence embeddings ({@code POST /embeddings}): all-MiniLM-L6-v2, quantised, from its Maven Central jar. */
    interface Embeddings {

        @WithDefault("true")
        boolean enabled();

        /** Texts are cut to this many tokens ([CLS] and [SEP] included; the model was trained at 256). */
        @WithDefault("256")
        int maxTokens();

        /** Most texts in one request. */
        @WithDefault("32")
        int maxTexts();

        /**
         * Texts per model run. 1 by default: the quantised model scales its activations by the whole batch's range,
         * so a short text batched with long ones comes out measurably different (cosine 0.97 with itself alone).
         */
        @WithDefault("1")
        int batch();

        @WithDefault("1")
        int intraOpThreads();
    }

    /** What an image may be, from a frame's blob or a request body. */
    interface Limits {

        /** Largest width or height, in pixels. */
        @WithDefault("8192")
        int maxDimension();

        /** Largest encoded image (PNG or JPEG), in bytes. */
        @WithDefault("16777216")
        long maxImageBytes();

        /** Largest image in pixels (width × height), checked from the header before decoding. */
        @WithDefault("40000000")
        long maxPixels();
    }

    /** Text generation ({@code POST /generate}) with decoder-only models and their KV cache. */
    interface Generation {

        /** The models by name, the {@code model} of a request. */
        Map<String, Generator> models();

        /** Generations at once, all models together; one more is a 503 problem. */
        @WithDefault("4")
        int maxConcurrent();

        /** A generation ends (finish {@code deadline}) this long after it is accepted; a request may ask less. */
        @WithDefault("2m")
        Duration deadline();

        /** Answer tokens when the request does not say. */
        @WithDefault("256")
        int defaultMaxTokens();

        /** Most answer tokens, or reasoning tokens, a request may ask for. */
        @WithDefault("4096")
        int maxTokens();

        /** Longest prompt, in characters. */
        @WithDefault("32768")
        int maxPromptLength();

        /** Most stop strings a request may give, and the longest, in characters. */
        @WithDefault("8")
        int maxStops();

        @WithDefault("64")
        int maxStopLength();
    }

    /** One decoder-only model in the common export layout and its tokenizer. */
    interface Generator {

        /** The {@code .onnx} file (or {@code classpath:<resource>}): inputs input_ids, attention_mask,
         * position_ids, past_key_values.{i}.key/value; outputs logits, present.{i}.key/value. */
        String file();

        /** Its {@code tokenizer.json} (or {@code classpath:<resource>}). */
        String tokenizer();

        /** Tokens that end the generation (finish {@code eos}); each must be one token to the tokenizer. */
        @WithDefault("<|endoftext|>")
        List<String> endTokens();

        /** Most positions (prompt and generated) the model takes. */
        @WithDefault("2048")
        int maxContext();

        Reasoning reasoning();

        @WithDefault("1")
        int intraOpThreads();
    }

    /** Chain of thought: the model's own delimiters around its reasoning (DeepSeek-R1, Qwen3: think tags). */
    interface Reasoning {

        Optional<String> start();

        Optional<String> end();

        /** Reasoning tokens when the request does not say; past them the end delimiter is put in. */
        @WithDefault("1024")
        int defaultMaxTokens();
    }

    /** Image-to-image models ({@code POST /image-to-image/{model}}): super-resolution, style; run tile by tile. */
    interface ImageToImage {

        Map<String, ImageModel> models();

        /** Images being transformed at once; one more is a 503 problem. */
        @WithDefault("2")
        int maxConcurrent();

        /** A transformation that has not ended this long after it started is a 503 problem. */
        @WithDefault("2m")
        Duration deadline();

        /** Largest output, in pixels (the input's times the scale squared). */
        @WithDefault("67108864")
        long maxOutputPixels();
    }

    /** One model float32 [1,3,h,w] to float32 [1,3,sh,sw]. */
    interface ImageModel {

        /** The {@code .onnx} file, or {@code classpath:<resource>}. */
        String file();

        /** Tile side in pixels (a model with a fixed input size takes that size instead). */
        @WithDefault("256")
        int tile();

        /** Pixels neighbouring tiles share at least, blended; under half the tile. */
        @WithDefault("16")
        int overlap();

        /** A pixel value is divided by this on the way in and multiplied on the way out. */
        @WithDefault("255")
        float divisor();

        @WithDefault("1")
        int intraOpThreads();
    }
}
