package org.vsekai.backpack.vision.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.audio.SpeechSegment;
import org.vsekai.backpack.contracts.audio.SpeechSegments;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.model.ModelDigest;
import org.vsekai.backpack.vision.model.ModelLoadException;
import org.vsekai.backpack.vision.model.ModelLoader;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Speech segments of a WAV upload: the stream is read a chunk at a time ({@link WavStream}), averaged to mono,
 * resampled to 16 kHz ({@link Resampler}), cut into 512-sample windows run through Silero VAD with its state carried
 * ({@link SileroVad}), and the probabilities turned into segments ({@link SpeechSegmenter}). Memory per upload is a
 * chunk, the resampler's window and the segments, whatever the audio's length. At most
 * {@code audio.max-concurrent} uploads are analysed at once; one more is refused ({@link Busy}).
 */
@Singleton
public class VoiceActivity implements AutoCloseable {

    public static final String MODEL = "silero-vad";
    /** Input samples per chunk read. */
    static final int CHUNK = 8192;

    private static final Logger LOG = Logger.getLogger(VoiceActivity.class);

    private final VisionConfig.Audio config;
    private final OrtSession session;
    private final String version;
    private final Semaphore permits;

    @Inject
    public VoiceActivity(VisionConfig config) {
        this(config.audio());
    }

    public VoiceActivity(VisionConfig.Audio config) {
        this.config = config;
        this.permits = new Semaphore(Math.max(1, config.maxConcurrent()));
        Optional<String> file = config.vadModel();
        if (file.isEmpty()) {
            session = null;
            version = null;
            return;
        }
        byte[] bytes = read(file.get());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, config.intraOpThreads()));
            options.setInterOpNumThreads(1);
            session = ModelLoader.environment().createSession(bytes, options);
            SileroVad.check(file.get(), session);
        } catch (OrtException e) {
            throw new ModelLoadException("voice-activity model " + file.get() + " cannot be loaded: "
                    + e.getMessage(), e);
        }
        version = ModelDigest.version(bytes);
        LOG.infof("Voice-activity model %s loaded: %s, version %s", MODEL, file.get(), version);
    }

    public boolean available() {
        return session != null;
    }

    /** No voice-activity model is configured. */
    public static final class NoModel extends RuntimeException {
        NoModel() {
            super("This service has no voice-activity model (backpack.vision.audio.vad-model)");
        }
    }

    /** A request beyond {@code audio.max-concurrent}. */
    public static final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message);
        }
    }

    /**
     * The speech in the WAV read from {@code in}.
     *
     * @throws AudioRejected for a body that is not PCM 16-bit WAV, or over a limit
     * @throws Busy          when {@code audio.max-concurrent} uploads are being analysed
     * @throws NoModel       when no model is configured (after the header is checked, so a bad upload hears why)
     */
    public SpeechSegments segments(InputStream in) throws IOException, OrtException {
        if (!permits.tryAcquire()) {
            throw new Busy(config.maxConcurrent() + " uploads are being analysed already");
        }
        try {
            return analyse(in);
        } finally {
            permits.release();
        }
    }

    private SpeechSegments analyse(InputStream in) throws IOException, OrtException {
        WavStream wav = new WavStream(in, config.maxBytes(), config.maxDuration(), CHUNK);
        if (session == null) {
            throw new NoModel();
        }
        SileroVad vad = new SileroVad(ModelLoader.environment(), session);
        SpeechSegmenter segmenter = new SpeechSegmenter(config.threshold(), samples(config.minSpeech()),
                samples(config.minSilence()), samples(config.speechPad()));
        Resampler resampler = new Resampler(wav.sampleRate(), SileroVad.RATE);
        Windows windows = new Windows(vad, segmenter);
        float[] chunk = new float[CHUNK];
        int n;
        while ((n = wav.read(chunk)) > 0) {
            resampler.process(chunk, n, windows);
            windows.rethrow();
        }
        resampler.finish(windows);
        windows.flush();
        windows.rethrow();
        long length = windows.samples;
        List<SpeechSegment> segments = new ArrayList<>();
        for (long[] segment : segmenter.finish(length)) {
            segments.add(new SpeechSegment(segment[0] * 1000 / SileroVad.RATE, segment[1] * 1000 / SileroVad.RATE));
        }
        return new SpeechSegments(MODEL, version, wav.sampleRate(), wav.channels(),
                wav.frames() * 1000 / wav.sampleRate(), segments);
    }

    /**
     * The speech segments, in samples, of {@code n} samples of 16 kHz audio already in memory (speech to text cuts
     * its audio with them).
     */
    public List<long[]> segments(float[] samples, int n) throws OrtException {
        if (session == null) {
            throw new NoModel();
        }
        SpeechSegmenter segmenter = new SpeechSegmenter(config.threshold(), samples(config.minSpeech()),
                samples(config.minSilence()), samples(config.speechPad()));
        Windows windows = new Windows(new SileroVad(ModelLoader.environment(), session), segmenter);
        for (int at = 0; at < n; at += CHUNK) {
            windows.accept(java.util.Arrays.copyOfRange(samples, at, Math.min(n, at + CHUNK)), Math.min(CHUNK,
                    n - at));
            windows.rethrow();
        }
        windows.flush();
        windows.rethrow();
        return segmenter.finish(n);
    }

    /** 16 kHz samples into 512-sample windows; the last partial window is padded with zeros, as Silero does. */
    private static final class Windows implements Resampler.Sink {
        private final SileroVad vad;
        private final SpeechSegmenter segmenter;
        private final float[] window = new float[SileroVad.WINDOW];
        private int filled;
        long samples;
        private OrtException failure;

        Windows(SileroVad vad, SpeechSegmenter segmenter) {
            this.vad = vad;
            this.segmenter = segmenter;
        }

        @Override
        public void accept(float[] in, int n) {
            for (int i = 0; i < n; i++) {
                window[filled++] = in[i];
                if (filled == window.length) {
                    run();
                }
            }
            samples += n;
        }

        void flush() {
            if (filled > 0) {
                java.util.Arrays.fill(window, filled, window.length, 0f);
                run();
            }
        }

        private void run() {
            filled = 0;
            if (failure != null) {
                return;
            }
            try {
                segmenter.accept(vad.next(window));
            } catch (OrtException e) {
                failure = e;
            }
        }

        void rethrow() throws OrtException {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static long samples(java.time.Duration duration) {
        return duration.toMillis() * SileroVad.RATE / 1000;
    }

    private static byte[] read(String file) {
        try {
            if (file.startsWith(ModelLoader.CLASSPATH)) {
                try (InputStream in = Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream(file.substring(ModelLoader.CLASSPATH.length()))) {
                    if (in == null) {
                        throw new ModelLoadException("voice-activity model: no class-path resource " + file);
                    }
                    return in.readAllBytes();
                }
            }
            Path path = Path.of(file).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new ModelLoadException("voice-activity model: file " + path + " does not exist "
                        + "(backpack.vision.audio.vad-model)");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ModelLoadException("voice-activity model " + file + " cannot be read: " + e.getMessage(), e);
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
