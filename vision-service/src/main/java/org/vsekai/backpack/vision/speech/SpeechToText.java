package org.vsekai.backpack.vision.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.audio.Transcript;
import org.vsekai.backpack.contracts.audio.TranscriptSegment;
import org.vsekai.backpack.contracts.vision.TensorSpec;
import org.vsekai.backpack.vision.audio.Resampler;
import org.vsekai.backpack.vision.audio.SileroVad;
import org.vsekai.backpack.vision.audio.VoiceActivity;
import org.vsekai.backpack.vision.audio.WavStream;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.model.ModelDigest;
import org.vsekai.backpack.vision.model.ModelLoadException;
import org.vsekai.backpack.vision.model.ModelLoader;
import org.vsekai.backpack.vision.model.Signature;
import org.vsekai.backpack.vision.ocr.Ctc;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Speech to text with a CTC acoustic model of wav2vec2's signature (float32 {@code [1,S]} of 16 kHz audio to logits
 * {@code [1,T,V]}): the WAV is read and resampled to 16 kHz as for voice activity, held whole (up to
 * {@code speech.max-duration}), cut into speech segments by the voice-activity model when there is one, and each
 * segment is run through the acoustic model; its logits are soft-maxed per step and decoded by the OCR's CTC
 * decoder (class 0 the blank, the word delimiter a space). No real acoustic model ships: one is configured at deploy
 * time; the tests use a tiny generated model whose logits are a known function of the audio.
 */
@Singleton
public class SpeechToText implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SpeechToText.class);

    private final VisionConfig.Speech config;
    private final VisionConfig.Audio audio;
    private final VoiceActivity voice;
    private final OrtSession session;
    private final String inputName;
    private final List<String> vocabulary;
    private final String version;
    private final String model;
    private final java.util.concurrent.Semaphore permits;

    @Inject
    public SpeechToText(VisionConfig config, VoiceActivity voice) {
        this(config.speech(), config.audio(), voice);
    }

    public SpeechToText(VisionConfig.Speech config, VisionConfig.Audio audio, VoiceActivity voice) {
        this.config = config;
        this.audio = audio;
        this.voice = voice;
        this.permits = new java.util.concurrent.Semaphore(Math.max(1, audio.maxConcurrent()));
        Optional<String> file = config.acousticModel();
        if (file.isEmpty()) {
            session = null;
            inputName = null;
            vocabulary = List.of();
            version = null;
            model = null;
            return;
        }
        String key = "backpack.vision.speech.";
        vocabulary = vocabulary(config.vocabulary().orElseThrow(() -> new ModelLoadException(key
                + "acoustic-model needs " + key + "vocabulary")));
        byte[] bytes = read(file.get());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, config.intraOpThreads()));
            session = ModelLoader.environment().createSession(bytes, options);
            Signature signature = Signature.of(session);
            inputName = check(file.get(), signature, vocabulary.size());
        } catch (OrtException e) {
            throw new ModelLoadException("acoustic model " + file.get() + " cannot be loaded: " + e.getMessage(), e);
        }
        version = ModelDigest.version(bytes);
        model = Path.of(file.get()).getFileName().toString().replaceFirst("\\.onnx$", "");
        LOG.infof("Acoustic model %s loaded: version %s, %d tokens", file.get(), version, vocabulary.size());
    }

    public boolean available() {
        return session != null;
    }

    /** The audio's text by speech segment (one segment, the whole audio, without voice activity). */
    public Transcript transcribe(InputStream in) throws IOException, OrtException {
        if (!permits.tryAcquire()) {
            throw new VoiceActivity.Busy(audio.maxConcurrent() + " transcriptions are running already");
        }
        try {
            return transcribeNow(in);
        } finally {
            permits.release();
        }
    }

    private Transcript transcribeNow(InputStream in) throws IOException, OrtException {
        WavStream wav = new WavStream(in, audio.maxBytes(), config.maxDuration(), 8192);
        if (session == null) {
            throw new NoModel();
        }
        float[] samples = resampled(wav);
        int n = samples.length;
        List<long[]> cuts = config.vad() && voice.available() ? voice.segments(samples, n)
                : List.of(new long[] {0, n});
        List<TranscriptSegment> segments = new ArrayList<>();
        for (long[] cut : cuts) {
            Ctc.Reading read = read(Arrays.copyOfRange(samples, (int) cut[0], (int) cut[1]));
            segments.add(new TranscriptSegment(cut[0] * 1000 / SileroVad.RATE, cut[1] * 1000 / SileroVad.RATE,
                    read.text(), read.confidence()));
        }
        String text = String.join(" ", segments.stream().map(TranscriptSegment::text).filter(t -> !t.isEmpty())
                .toList());
        return new Transcript(model, version, wav.frames() * 1000 / wav.sampleRate(), text, segments);
    }

    /** One stretch of 16 kHz audio through the acoustic model and the CTC decoder. */
    Ctc.Reading read(float[] samples) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(ModelLoader.environment(), FloatBuffer.wrap(samples),
                new long[] {1, samples.length});
             OrtSession.Result result = session.run(Map.of(inputName, input))) {
            OnnxTensor logits = (OnnxTensor) result.get(0);
            long[] shape = logits.getInfo().getShape();
            int steps = (int) shape[1];
            int classes = (int) shape[2];
            float[] p = new float[steps * classes];
            logits.getFloatBuffer().get(p);
            softmax(p, steps, classes);
            Ctc.Reading read = config.beamWidth() > 1
                    ? Ctc.beam(p, 0, steps, classes, config.beamWidth(), this::symbol)
                    : Ctc.greedy(p, 0, steps, classes, this::symbol);
            return new Ctc.Reading(read.text().trim().replaceAll(" {2,}", " "), read.confidence());
        }
    }

    private String symbol(int index) {
        String token = vocabulary.get(index);
        return token.equals(config.wordDelimiter()) ? " " : token;
    }

    /** Per step, logits to probabilities (max subtracted first). */
    static void softmax(float[] values, int steps, int classes) {
        for (int t = 0; t < steps; t++) {
            int row = t * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, values[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                values[row + c] = (float) Math.exp(values[row + c] - max);
                sum += values[row + c];
            }
            for (int c = 0; c < classes; c++) {
                values[row + c] /= (float) sum;
            }
        }
    }

    private static float[] resampled(WavStream wav) throws IOException {
        Resampler resampler = new Resampler(wav.sampleRate(), SileroVad.RATE);
        float[][] out = {new float[SileroVad.RATE]};
        int[] length = {0};
        Resampler.Sink sink = (chunk, n) -> {
            if (length[0] + n > out[0].length) {
                out[0] = Arrays.copyOf(out[0], Math.max(length[0] + n, out[0].length * 2));
            }
            System.arraycopy(chunk, 0, out[0], length[0], n);
            length[0] += n;
        };
        float[] chunk = new float[8192];
        int n;
        while ((n = wav.read(chunk)) > 0) {
            resampler.process(chunk, n, sink);
        }
        resampler.finish(sink);
        return Arrays.copyOf(out[0], length[0]);
    }

    /** The model's one input must be float32 of rank 2, its first output float32 [1,T,V] with V the vocabulary. */
    private static String check(String file, Signature signature, int tokens) {
        if (signature.inputs().size() != 1 || signature.outputs().isEmpty()) {
            throw new ModelLoadException("acoustic model " + file + " needs one input and an output; it has "
                    + signature.describe());
        }
        TensorSpec in = signature.inputs().get(0);
        TensorSpec out = signature.outputs().get(0);
        long v = out.shape().size() == 3 ? out.shape().get(2) : -2;
        if (!"float32".equals(in.type()) || in.shape().size() != 2 || !"float32".equals(out.type())
                || out.shape().size() != 3 || (v >= 0 && v != tokens)) {
            throw new ModelLoadException("acoustic model " + file + " does not have wav2vec2's signature with "
                    + tokens + " tokens: expected inputs float32 [1,S]; outputs float32 [1,T," + tokens
                    + "]; actual " + signature.describe());
        }
        return in.name();
    }

    private static List<String> vocabulary(String file) {
        try {
            List<String> tokens = new ArrayList<>(List.of(Files.readString(Path.of(file), StandardCharsets.UTF_8)
                    .split("\n", -1)));
            if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isEmpty()) {
                tokens.remove(tokens.size() - 1);
            }
            tokens.replaceAll(t -> t.endsWith("\r") ? t.substring(0, t.length() - 1) : t);
            if (tokens.size() < 2) {
                throw new ModelLoadException("vocabulary " + file + " has " + tokens.size() + " tokens; the blank and"
                        + " at least one more are needed");
            }
            return List.copyOf(tokens);
        } catch (IOException e) {
            throw new ModelLoadException("vocabulary " + file + " is not readable: " + e.getMessage(), e);
        }
    }

    private static byte[] read(String file) {
        Path path = Path.of(file).toAbsolutePath();
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ModelLoadException("acoustic model " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** No acoustic model is configured. */
    public static final class NoModel extends RuntimeException {
        NoModel() {
            this("This service has no acoustic model (backpack.vision.speech.acoustic-model)");
        }

        NoModel(String message) {
            super(message);
        }
    }

    @PreDestroy
    @Override
    public void close() throws OrtException {
        if (session != null) {
            session.close();
        }
    }
}
