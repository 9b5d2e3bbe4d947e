package org.vsekai.backpack.vision.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.audio.SpeechSegments;
import org.vsekai.backpack.contracts.audio.Transcript;
import org.vsekai.backpack.vision.SharedData;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.audio.Speech;
import org.vsekai.backpack.vision.audio.VoiceActivity;
import org.vsekai.backpack.vision.config.VisionConfig;

/**
 * Speech to text on the tiny acoustic model of wav2vec2's signature ({@code make_tiny_models.py}): each 20 ms frame
 * held at {@code v / 9} is class {@code v}, so audio written here decodes to a known text exactly; and with Silero
 * VAD in front (real model and espeak-ng speech, skipped without them), the audio is read in VAD's segments.
 */
class SpeechToTextTest {

    static final String MODEL = "src/test/resources/models/tiny-ctc-acoustic.onnx";
    static final String VOCABULARY = "src/test/resources/models/tiny-ctc-acoustic.vocab.txt";
    static final List<String> TOKENS = List.of("<pad>", "|", "h", "e", "l", "o", "w", "r", "d", "!");

    @Test
    void audioThatSpellsAKnownTextIsReadExactlyGreedyAndByBeamSearch() throws Exception {
        short[] samples = spelled("hello world!");
        for (int beam : new int[] {1, 4}) {
            try (SpeechToText stt = stt(Map.of("%test.backpack.vision.speech.beam-width", String.valueOf(beam)))) {
                Transcript read = stt.transcribe(new ByteArrayInputStream(Speech.wav(samples, 16_000, 1)));

                assertThat(read.text()).as("beam %d", beam).isEqualTo("hello world!");
                assertThat(read.segments()).hasSize(1);
                assertThat(read.segments().get(0).startMs()).isZero();
                assertThat(read.segments().get(0).endMs()).isEqualTo(samples.length * 1000L / 16_000);
                assertThat(read.segments().get(0).confidence()).isGreaterThan(0.5);
                assertThat(read.modelVersion()).hasSize(12);
            }
        }
    }

    @Test
    void withVoiceActivityInFrontEachSpeechSegmentIsReadOnItsOwn() throws Exception {
        Path vad = SharedData.model("silero_vad_v5.onnx").orElse(null);
        Assumptions.assumeTrue(vad != null && Speech.available(), "silero_vad_v5.onnx or espeak-ng missing: the "
                + "real-model test is skipped in this run");
        Speech.Track track = Speech.track(List.of("the backpack holds every scene", "frames go to the vision service"),
                List.of(800, 1200, 700));
        byte[] wav = Speech.wav(track.samples(), Speech.RATE, 1);
        Map<String, String> config = Map.of("%test.backpack.vision.audio.vad-model", vad.toString());
        VoiceActivity voice = new VoiceActivity(TestConfigs.vision(config).audio());
        try (voice; SpeechToText stt = stt(config, voice)) {
            SpeechSegments speech = voice.segments(new ByteArrayInputStream(wav));

            Transcript read = stt.transcribe(new ByteArrayInputStream(wav));

            assertThat(speech.segments()).hasSize(2);
            assertThat(read.segments()).extracting(s -> List.of(s.startMs(), s.endMs()))
                    .as("the acoustic model reads VAD's segments, nothing between them")
                    .containsExactlyElementsOf(speech.segments().stream()
                            .map(s -> List.of(s.startMs(), s.endMs())).toList());
        }
    }

    /** Each character three frames at its class level, a silent frame after each (so "ll" stays two). */
    static short[] spelled(String text) {
        List<Short> samples = new ArrayList<>();
        for (char c : text.toCharArray()) {
            int v = TOKENS.indexOf(c == ' ' ? "|" : String.valueOf(c));
            short level = (short) Math.round(v / 9.0 * 32767);
            for (int i = 0; i < 3 * 320; i++) {
                samples.add(level);
            }
            for (int i = 0; i < 320; i++) {
                samples.add((short) 0);
            }
        }
        short[] out = new short[samples.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples.get(i);
        }
        return out;
    }

    private static SpeechToText stt(Map<String, String> extra) {
        VisionConfig config = config(extra);
        return new SpeechToText(config.speech(), config.audio(), new VoiceActivity(config.audio()));
    }

    private static SpeechToText stt(Map<String, String> extra, VoiceActivity voice) {
        VisionConfig config = config(extra);
        return new SpeechToText(config.speech(), config.audio(), voice);
    }

    private static VisionConfig config(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(extra);
        all.put("%test.backpack.vision.speech.acoustic-model", MODEL);
        all.put("%test.backpack.vision.speech.vocabulary", VOCABULARY);
        return TestConfigs.vision(all);
    }
}
