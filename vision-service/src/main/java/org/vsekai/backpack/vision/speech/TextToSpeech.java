package org.vsekai.backpack.vision.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.vsekai.backpack.vision.config.VisionConfig;
import org.vsekai.backpack.vision.model.ModelLoadException;
import org.vsekai.backpack.vision.model.ModelLoader;
import org.vsekai.backpack.vision.model.Signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Text to speech with a VITS voice of Piper's signature: the text becomes IPA phonemes by espeak-ng (the voice's
 * {@code espeak.voice}), the phonemes ids by the voice's {@code phoneme_id_map} as Piper does it (the start mark
 * {@code ^}, each phoneme followed by the pad {@code _}, the end mark {@code $}; a phoneme the map lacks is
 * skipped), and the model ({@code input} int64 {@code [1,N]}, {@code input_lengths} int64 {@code [1]},
 * {@code scales} float32 {@code [3]}: noise, length, noise width) gives float32 audio {@code [1,1,S]}, written as a
 * PCM 16-bit mono WAV at the voice's rate (samples clipped to [-1, 1], times 32767, rounded). No real voice ships;
 * one is configured at deploy time.
 */
@Singleton
public class TextToSpeech implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TextToSpeech.class);

    private final VisionConfig.Voice config;
    private final OrtSession session;
    private final Map<String, long[]> phonemeIds;
    private final int sampleRate;
    private final float[] scales;
    private final String espeakVoice;

    @Inject
    public TextToSpeech(VisionConfig config) {
        this(config.speech().voice());
    }

    public TextToSpeech(VisionConfig.Voice config) {
        this.config = config;
        if (config.model().isEmpty()) {
            session = null;
            phonemeIds = Map.of();
            sampleRate = 0;
            scales = null;
            espeakVoice = null;
            return;
        }
        String key = "backpack.vision.speech.voice.";
        JsonNode voice = voiceConfig(config.config().orElseThrow(() -> new ModelLoadException(key + "model needs "
                + key + "config (the voice's JSON)")));
        Map<String, long[]> ids = new HashMap<>();
        voice.path("phoneme_id_map").fields().forEachRemaining(e -> {
            long[] values = new long[e.getValue().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = e.getValue().get(i).asLong();
            }
            ids.put(e.getKey(), values);
        });
        for (String mark : List.of("^", "_", "$")) {
            if (!ids.containsKey(mark)) {
                throw new ModelLoadException("voice " + config.config().get() + " has no id for " + mark
                        + " in phoneme_id_map");
            }
        }
        phonemeIds = Map.copyOf(ids);
        sampleRate = voice.path("audio").path("sample_rate").asInt(22_050);
        JsonNode inference = voice.path("inference");
        scales = new float[] {(float) inference.path("noise_scale").asDouble(0.667),
                (float) inference.path("length_scale").asDouble(1.0), (float) inference.path("noise_w").asDouble(0.8)};
        espeakVoice = voice.path("espeak").path("voice").asText("en-us");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            session = ModelLoader.environment().createSession(config.model().get(), options);
            Signature signature = Signature.of(session);
            List<String> inputs = signature.inputs().stream().map(t -> t.name()).sorted().toList();
            if (!inputs.equals(List.of("input", "input_lengths", "scales"))) {
                throw new ModelLoadException("voice model " + config.model().get() + " does not have Piper's "
                        + "signature: expected inputs input, input_lengths, scales; actual " + signature.describe());
            }
        } catch (OrtException e) {
            throw new ModelLoadException("voice model " + config.model().get() + " cannot be loaded: "
                    + e.getMessage(), e);
        }
        LOG.infof("Voice %s loaded: %d phonemes, %d Hz, espeak voice %s", config.model().get(), phonemeIds.size(),
                sampleRate, espeakVoice);
    }

    public boolean available() {
        return session != null;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Text the service does not speak (empty, too long). */
    public static final class TextRejected extends RuntimeException {
        TextRejected(String message) {
            super(message);
        }
    }

    /** The text spoken, as WAV bytes. */
    public byte[] speak(String text) throws IOException, OrtException {
        if (session == null) {
            throw new SpeechToText.NoModel("This service has no voice (backpack.vision.speech.voice.model)");
        }
        if (text == null || text.isBlank()) {
            throw new TextRejected("There is no text to speak");
        }
        if (text.length() > config.maxText()) {
            throw new TextRejected("A text may have at most " + config.maxText() + " characters");
        }
        long[] ids = ids(phonemes(text));
        float[] audio = synthesise(ids);
        return wav(audio, sampleRate);
    }

    /** espeak-ng's IPA for the text, white space collapsed; the text goes in on standard input, not the command. */
    String phonemes(String text) throws IOException {
        Process process = new ProcessBuilder(config.espeak(), "-q", "--ipa", "-v", espeakVoice, "--stdin")
                .redirectErrorStream(false).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.replace('\n', ' ').getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                throw new IOException("espeak-ng failed (exit " + process.exitValue() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted waiting for espeak-ng", e);
        }
        return new String(out, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    }

    /** Piper's {@code phonemes_to_ids}: ^, each known phoneme and a pad, $. */
    long[] ids(String phonemes) {
        List<Long> ids = new ArrayList<>();
        add(ids, phonemeIds.get("^"));
        phonemes.codePoints().forEach(cp -> {
            long[] known = phonemeIds.get(new String(Character.toChars(cp)));
            if (known != null) {
                add(ids, known);
                add(ids, phonemeIds.get("_"));
            }
        });
        add(ids, phonemeIds.get("$"));
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static void add(List<Long> ids, long[] values) {
        for (long v : values) {
            ids.add(v);
        }
    }

    float[] synthesise(long[] ids) throws OrtException {
        var env = ModelLoader.environment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
             OnnxTensor lengths = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {ids.length}),
                     new long[] {1});
             OnnxTensor scale = OnnxTensor.createTensor(env, FloatBuffer.wrap(scales), new long[] {3});
             OrtSession.Result result = session.run(Map.of("input", input, "input_lengths", lengths,
                     "scales", scale))) {
            FloatBuffer audio = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] samples = new float[audio.remaining()];
            audio.get(samples);
            return samples;
        }
    }

    /** PCM 16-bit mono WAV: each sample clipped to [-1, 1], times 32767, rounded. */
    static byte[] wav(float[] samples, int rate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + 2 * samples.length);
        int data = 2 * samples.length;
        ascii(out, "RIFF");
        int32(out, 36 + data);
        ascii(out, "WAVE");
        ascii(out, "fmt ");
        int32(out, 16);
        int16(out, 1);
        int16(out, 1);
        int32(out, rate);
        int32(out, 2 * rate);
        int16(out, 2);
        int16(out, 16);
        ascii(out, "data");
        int32(out, data);
        for (float s : samples) {
            int16(out, (int) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String tag) {
        out.writeBytes(tag.getBytes(StandardCharsets.US_ASCII));
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
        out.write(v >> 16);
        out.write(v >> 24);
    }

    private static void int16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
    }

    private static JsonNode voiceConfig(String file) {
        try {
            return new ObjectMapper().readTree(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new ModelLoadException("voice config " + file + " is not readable JSON: " + e.getMessage(), e);
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
