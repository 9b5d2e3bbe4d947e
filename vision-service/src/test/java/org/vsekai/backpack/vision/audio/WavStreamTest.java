package org.vsekai.backpack.vision.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The WAV reader on files written here: channels, chunks it skips, streamed sizes and the limits while reading. */
class WavStreamTest {

    @Test
    void channelsAreAveragedAndOtherChunksSkipped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Speech.ascii(out, "RIFF");
        Speech.int32(out, 0);
        Speech.ascii(out, "WAVE");
        Speech.ascii(out, "LIST"); // metadata before fmt, odd-sized: padded to even
        Speech.int32(out, 3);
        out.writeBytes(new byte[] {1, 2, 3, 0});
        Speech.ascii(out, "fmt ");
        Speech.int32(out, 16);
        Speech.int16(out, 1);
        Speech.int16(out, 2);
        Speech.int32(out, 8000);
        Speech.int32(out, 32000);
        Speech.int16(out, 4);
        Speech.int16(out, 16);
        Speech.ascii(out, "data");
        Speech.int32(out, 8);
        Speech.int16(out, 16384); // left 0.5
        Speech.int16(out, 0);     // right 0
        Speech.int16(out, -32768);
        Speech.int16(out, -32768);

        WavStream wav = new WavStream(new ByteArrayInputStream(out.toByteArray()), 1 << 20, Duration.ofSeconds(5),
                16);
        float[] samples = new float[16];

        assertThat(wav.sampleRate()).isEqualTo(8000);
        assertThat(wav.channels()).isEqualTo(2);
        assertThat(wav.read(samples)).isEqualTo(2);
        assertThat(samples[0]).isCloseTo(0.25f, within(1e-6f));
        assertThat(samples[1]).isCloseTo(-1f, within(1e-6f));
        assertThat(wav.read(samples)).isZero();
    }

    @Test
    void aStreamedWavPastTheByteLimitIsRefusedWhileItIsRead() throws Exception {
        // Data size 0xFFFFFFFF (a WAV written to a pipe): the header cannot tell its length, the bytes do.
        byte[] header = Speech.wav(new short[0], 48_000, 2);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(header);
        body.writeBytes(new byte[200_000]);
        WavStream wav = new WavStream(new ByteArrayInputStream(body.toByteArray()), 100_000, Duration.ofMinutes(1),
                4096);
        float[] samples = new float[4096];

        assertThatThrownBy(() -> {
            while (wav.read(samples) > 0) {
                // reading on
            }
        }).isInstanceOf(AudioRejected.class).extracting(e -> ((AudioRejected) e).kind())
                .isEqualTo(AudioRejected.Kind.TOO_LARGE);
    }

    @Test
    void aStreamedWavPastTheDurationIsRefusedWhileItIsRead() throws Exception {
        byte[] header = Speech.wav(new short[0], 8000, 1);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(header);
        body.writeBytes(new byte[3 * 8000 * 2]); // 3 s
        WavStream wav = new WavStream(new ByteArrayInputStream(body.toByteArray()), 1 << 20, Duration.ofSeconds(2),
                1000);
        float[] samples = new float[1000];

        assertThatThrownBy(() -> {
            while (wav.read(samples) > 0) {
                // reading on
            }
        }).isInstanceOf(AudioRejected.class).extracting(e -> ((AudioRejected) e).kind())
                .isEqualTo(AudioRejected.Kind.TOO_LONG);
        assertThat(wav.frames()).isLessThanOrEqualTo(16_000);
    }
}
