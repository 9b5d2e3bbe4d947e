package org.vsekai.backpack.vision.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.audio.SpeechSegment;
import org.vsekai.backpack.contracts.audio.SpeechSegments;
import org.vsekai.backpack.vision.SharedData;
import org.vsekai.backpack.vision.TestConfigs;

/**
 * Silero VAD v5 (from {@code ../shared/data/models}; skipped without it, or without espeak-ng) on speech spoken by
 * espeak-ng between silences of known length: every segment boundary within 100 ms of where the speech is.
 */
class VoiceActivityTest {

    private static final Logger LOG = Logger.getLogger(VoiceActivityTest.class);
    static final long TOLERANCE_MS = 100;
    static final List<String> SENTENCES = List.of("the backpack holds every scene",
            "cameras send their frames to the vision service", "speech is found between the silences");
    static final List<Integer> SILENCES = List.of(1000, 1500, 800, 1200);

    private static VoiceActivity voice;

    @BeforeAll
    static void load() {
        Path model = SharedData.model("silero_vad_v5.onnx").orElse(null);
        Assumptions.assumeTrue(model != null, "silero_vad_v5.onnx not found in ../shared/data/models (or "
                + "-Dbackpack.shared-data): the real-model test is skipped in this run");
        Assumptions.assumeTrue(Speech.available(), "espeak-ng is not installed (.ci/run installs it)");
        voice = new VoiceActivity(TestConfigs.vision(Map.of("%test.backpack.vision.audio.vad-model",
                model.toString(), "%test.backpack.vision.audio.max-duration", "10m",
                "%test.backpack.vision.audio.max-bytes", "67108864")).audio());
    }

    @AfterAll
    static void close() throws Exception {
        if (voice != null) {
            voice.close();
        }
    }

    @Test
    void speechBetweenSilencesIsFoundWithin100MsOfWhereItIsMonoAndStereo() throws Exception {
        Speech.Track track = Speech.track(SENTENCES, SILENCES);
        for (int channels : new int[] {1, 2}) {
            SpeechSegments found = voice.segments(new ByteArrayInputStream(
                    Speech.wav(track.samples(), Speech.RATE, channels)));

            List<Long> errors = errors(track.speechMs(), found.segments());
            LOG.infof("VAD (%d channel(s), 22,050 Hz): true speech %s ms, segments %s, boundary errors %s ms",
                    channels, describe(track.speechMs()), found.segments(), errors);
            assertThat(found.sampleRate()).isEqualTo(Speech.RATE);
            assertThat(found.channels()).isEqualTo(channels);
            assertThat(found.durationMs()).isEqualTo(track.samples().length * 1000L / Speech.RATE);
            assertThat(found.segments()).hasSameSizeAs(SENTENCES);
            assertThat(errors).allSatisfy(e -> assertThat(e).isLessThanOrEqualTo(TOLERANCE_MS));
        }
    }

    @Test
    void longAudioStreamsThroughInChunksAndTheStateCarriesAcrossThem() throws Exception {
        // Three minutes, generated as it is read (never held whole): a sentence every 30 s.
        short[] sentence = Speech.spoken(SENTENCES.get(0));
        int period = 30 * Speech.RATE;
        int total = 6 * period;
        InputStream body = new java.io.SequenceInputStream(new ByteArrayInputStream(header(total)),
                new InputStream() {
                    long at;

                    @Override
                    public int read() {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (at >= 2L * total) {
                            return -1;
                        }
                        int n = (int) Math.min(len & ~1, 2L * total - at);
                        for (int i = 0; i < n; i += 2) {
                            int sample = (int) ((at + i) / 2);
                            int within = sample % period - Speech.RATE; // speech starts 1 s into each period
                            short s = within >= 0 && within < sentence.length ? sentence[within] : 0;
                            b[off + i] = (byte) s;
                            b[off + i + 1] = (byte) (s >> 8);
                        }
                        at += n;
                        return n;
                    }
                });

        SpeechSegments found = voice.segments(body);

        assertThat(found.durationMs()).isEqualTo(180_000);
        assertThat(found.segments()).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(found.segments().get(i).startMs()).isBetween(i * 30_000L + 900, i * 30_000L + 1100);
        }
    }

    @Test
    void aWavOverTheDurationLimitIsRefusedFromItsHeader() {
        VoiceActivity strict = new VoiceActivity(TestConfigs.vision(Map.of(
                "%test.backpack.vision.audio.max-duration", "2s")).audio());
        byte[] header = header(3 * Speech.RATE);

        assertThatThrownBy(() -> new WavStream(new ByteArrayInputStream(header), 1 << 20,
                java.time.Duration.ofSeconds(2), 1024)).isInstanceOf(AudioRejected.class)
                .extracting(e -> ((AudioRejected) e).kind()).isEqualTo(AudioRejected.Kind.TOO_LONG);
        assertThat(strict.available()).isFalse();
    }

    /** A mono 22,050 Hz header for {@code frames} samples. */
    private static byte[] header(int frames) {
        byte[] empty = Speech.wav(new short[0], Speech.RATE, 1);
        java.nio.ByteBuffer.wrap(empty).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(40, frames * 2)
                .putInt(4, 36 + frames * 2);
        return empty;
    }

    /** Per true speech span, the larger of its start and end errors against the segment that overlaps it. */
    static List<Long> errors(List<long[]> truth, List<SpeechSegment> found) {
        List<Long> errors = new ArrayList<>();
        for (long[] span : truth) {
            SpeechSegment best = found.stream()
                    .filter(s -> s.startMs() < span[1] && s.endMs() > span[0]).findFirst().orElse(null);
            errors.add(best == null ? Long.MAX_VALUE
                    : Math.max(Math.abs(best.startMs() - span[0]), Math.abs(best.endMs() - span[1])));
        }
        return errors;
    }

    private static String describe(List<long[]> spans) {
        return spans.stream().map(s -> "[" + s[0] + ", " + s[1] + "]").toList().toString();
    }
}
