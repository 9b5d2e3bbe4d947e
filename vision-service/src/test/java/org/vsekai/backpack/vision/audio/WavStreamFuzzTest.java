package org.vsekai.backpack.vision.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Uploaded WAV, fuzzed, through what the audio routes do with it: the header and samples ({@link WavStream}), then
 * the resampler to the models' 16 kHz ({@link Resampler}). A WAV either streams within the limits (bytes read,
 * duration, samples in [-1, 1), as many resampled samples as its length gives) or is refused with
 * {@link AudioRejected}; nothing else may escape. The limits are small here so that the fuzzer reaches them.
 */
class WavStreamFuzzTest {

    private static final long MAX_BYTES = 64 << 10;
    private static final Duration MAX_DURATION = Duration.ofSeconds(2);
    private static final int TARGET_RATE = 16_000;

    @FuzzTest(maxDuration = "5s")
    void streamsOrRefusesTheWav(byte[] file) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(file);
        try {
            WavStream wav = new WavStream(in, MAX_BYTES, MAX_DURATION, 256);
            Resampler resampler = new Resampler(wav.sampleRate(), TARGET_RATE);
            long[] resampled = {0};
            Resampler.Sink sink = (samples, n) -> resampled[0] += n;
            float[] chunk = new float[256];
            int n;
            while ((n = wav.read(chunk)) > 0) {
                for (int i = 0; i < n; i++) {
                    assertThat(chunk[i]).isBetween(-1f, 1f);
                }
                resampler.process(chunk, n, sink);
            }
            resampler.finish(sink);
            assertThat(file.length - in.available()).isLessThanOrEqualTo((int) MAX_BYTES);
            assertThat(wav.frames()).isLessThanOrEqualTo(MAX_DURATION.toMillis() * wav.sampleRate() / 1000);
            long expected = (long) Math.ceil((double) wav.frames() * TARGET_RATE / wav.sampleRate());
            assertThat(resampled[0]).isBetween(expected - 1, expected + 1);
        } catch (AudioRejected refused) {
            assertThat(refused.kind()).isNotNull();
        }
    }
}
