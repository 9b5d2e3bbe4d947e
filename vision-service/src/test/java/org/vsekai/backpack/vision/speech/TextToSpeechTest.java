package org.vsekai.backpack.vision.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.vision.TestConfigs;
import org.vsekai.backpack.vision.audio.Speech;
import org.vsekai.backpack.vision.audio.VoiceActivity;
import org.vsekai.backpack.vision.config.VisionConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Text to speech on the tiny voice of Piper's signature ({@code make_tiny_models.py}: four samples of
 * {@code id / 128 × length scale} per phoneme id), phonemes by espeak-ng (skipped without it): the WAV is asserted
 * sample for sample; and speech to speech, the tiny acoustic model's text spoken again.
 */
class TextToSpeechTest {

    static final String VOICE = "src/test/resources/models/tiny-vits-voice.onnx";
    static final String VOICE_CONFIG = "src/test/resources/models/tiny-vits-voice.json";

    @BeforeAll
    static void needsEspeak() {
        Assumptions.assumeTrue(Speech.available(), "espeak-ng is not installed (.ci/run installs it)");
    }

    @Test
    void aTextBecomesTheWavOfItsPhonemeIds() throws Exception {
        try (TextToSpeech voice = new TextToSpeech(config(Map.of()).speech().voice())) {
            byte[] wav = voice.speak("hello world!");

            long[] ids = expectedIds("hello world!");
            assertThat(header(wav)).containsExactly(22_050, 1, 16, 2 * 4 * ids.length);
            ByteBuffer data = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
            for (long id : ids) {
                short expected = (short) Math.round(id / 128.0f * 1.5f * 32767);
                for (int k = 0; k < 4; k++) {
                    assertThat(data.getShort()).isEqualTo(expected);
                }
            }
            assertThat(ids[0]).as("Piper's start mark ^").isEqualTo(1);
            assertThat(ids[ids.length - 1]).as("and end mark $").isEqualTo(2);
        }
    }

    @Test
    void emptyAndOverlongTextsAreRefused() {
        try (TextToSpeech voice = new TextToSpeech(config(Map.of("%test.backpack.vision.speech.voice.max-text", "5"))
                .speech().voice())) {
            assertThatThrownBy(() -> voice.speak(" ")).isInstanceOf(TextToSpeech.TextRejected.class);
            assertThatThrownBy(() -> voice.speak("hello world")).isInstanceOf(TextToSpeech.TextRejected.class)
                    .hasMessageContaining("at most 5 characters");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void speechToSpeechSpeaksWhatItHeard() throws Exception {
        VisionConfig config = config(Map.of("%test.backpack.vision.speech.acoustic-model", SpeechToTextTest.MODEL,
                "%test.backpack.vision.speech.vocabulary", SpeechToTextTest.VOCABULARY));
        try (TextToSpeech voice = new TextToSpeech(config.speech().voice());
             SpeechToText listener = new SpeechToText(config.speech(), config.audio(),
                     new VoiceActivity(config.audio()))) {
            byte[] recording = Speech.wav(SpeechToTextTest.spelled("hello world!"), 16_000, 1);

            String heard = listener.transcribe(new ByteArrayInputStream(recording)).text();
            byte[] again = voice.speak(heard);

            assertThat(heard).isEqualTo("hello world!");
            assertThat(again).isEqualTo(voice.speak("hello world!"));
        }
    }

    /** Piper's ids of espeak-ng's phonemes, from the voice's own map (espeak asked here, on its own). */
    private static long[] expectedIds(String text) throws Exception {
        Process p = new ProcessBuilder("espeak-ng", "-q", "--ipa", "-v", "en-us", text).start();
        String ipa = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()
                .replaceAll("\\s+", " ");
        p.waitFor(30, TimeUnit.SECONDS);
        JsonNode map = new ObjectMapper().readTree(new java.io.File(VOICE_CONFIG)).path("phoneme_id_map");
        List<Long> ids = new ArrayList<>(List.of(map.get("^").get(0).asLong()));
        ipa.codePoints().forEach(cp -> {
            JsonNode id = map.get(new String(Character.toChars(cp)));
            assertThat(id).as("the tiny voice has phoneme %s", new String(Character.toChars(cp))).isNotNull();
            ids.add(id.get(0).asLong());
            ids.add(map.get("_").get(0).asLong());
        });
        ids.add(map.get("$").get(0).asLong());
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** Rate, channels, bits, data bytes. */
    private static int[] header(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        return new int[] {b.getInt(24), b.getShort(22), b.getShort(34), b.getInt(40)};
    }

    private static VisionConfig config(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(extra);
        all.put("%test.backpack.vision.speech.voice.model", VOICE);
        all.put("%test.backpack.vision.speech.voice.config", VOICE_CONFIG);
        return TestConfigs.vision(all);
    }
}
