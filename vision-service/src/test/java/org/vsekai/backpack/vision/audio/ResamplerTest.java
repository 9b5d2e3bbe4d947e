package org.vsekai.backpack.vision.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The resampler against the analytic signal it should produce, and against itself fed in pieces. */
class ResamplerTest {

    @Test
    void aToneInTheBandComesOutAsTheSameToneAtTheNewRate() {
        for (int[] rates : new int[][] {{44_100, 16_000}, {22_050, 16_000}, {48_000, 16_000}, {8_000, 16_000},
                {11_025, 16_000}, {32_000, 16_000}}) {
            int from = rates[0];
            int to = rates[1];
            double frequency = 1000;
            float[] in = tone(from, frequency, 1.0);

            float[] out = resample(in, from, to, in.length);

            assertThat(out.length).as("%d → %d", from, to).isEqualTo((int) Math.ceil((double) in.length * to / from));
            double worst = 0;
            // Away from the ends, where the filter reaches past the signal.
            for (int n = 200; n < out.length - 200; n++) {
                double expected = 0.5 * Math.sin(2 * Math.PI * frequency * n / to);
                worst = Math.max(worst, Math.abs(out[n] - expected));
            }
            assertThat(worst).as("largest error %d → %d", from, to).isLessThan(2e-3);
        }
    }

    @Test
    void aToneAboveTheNewNyquistIsRemovedNotFoldedBack() {
        // 10 kHz cannot be represented at 16 kHz; without a low-pass it would fold to 6 kHz at full strength.
        float[] in = tone(44_100, 10_000, 1.0);

        float[] out = resample(in, 44_100, 16_000, in.length);

        double rms = rms(Arrays.copyOfRange(out, 200, out.length - 200));
        assertThat(rms).as("rms of what is left (the input's is 0.354)").isLessThan(1e-3);
    }

    @Test
    void aConstantStaysConstant() {
        float[] in = new float[22_050];
        Arrays.fill(in, 0.25f);

        float[] out = resample(in, 22_050, 16_000, in.length);

        for (int n = 100; n < out.length - 100; n++) {
            assertThat(out[n]).isCloseTo(0.25f, within(1e-5f));
        }
    }

    @Test
    void piecesOfAnySizeGiveWhatTheWholeGives() {
        Random random = new Random(17);
        float[] in = new float[30_000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (random.nextGaussian() * 0.1);
        }
        for (int[] rates : new int[][] {{44_100, 16_000}, {8_000, 16_000}, {16_000, 16_000}}) {
            float[] whole = resample(in, rates[0], rates[1], in.length);
            float[] pieces = resample(in, rates[0], rates[1], 1 + random.nextInt(700));
            assertThat(pieces).as("%d → %d", rates[0], rates[1]).containsExactly(whole);
        }
    }

    @Test
    void ratesWithoutASmallCommonFactorStillWork() {
        // 44,101 and 16,000 share no factor: 16,000 phases, taps computed per sample rather than tabled.
        float[] in = tone(44_101, 500, 0.2);

        float[] out = resample(in, 44_101, 16_000, 4096);

        for (int n = 200; n < out.length - 200; n++) {
            assertThat((double) out[n]).isCloseTo(0.5 * Math.sin(2 * Math.PI * 500 * n / 16_000.0), within(2e-3));
        }
    }

    static float[] resample(float[] in, int from, int to, int piece) {
        Resampler resampler = new Resampler(from, to);
        float[] out = new float[(int) Math.ceil((double) in.length * to / from) + 16];
        int[] written = {0};
        Resampler.Sink sink = (samples, n) -> {
            System.arraycopy(samples, 0, out, written[0], n);
            written[0] += n;
        };
        for (int at = 0; at < in.length; at += piece) {
            int n = Math.min(piece, in.length - at);
            resampler.process(Arrays.copyOfRange(in, at, at + n), n, sink);
        }
        resampler.finish(sink);
        return Arrays.copyOf(out, written[0]);
    }

    private static float[] tone(int rate, double frequency, double seconds) {
        float[] samples = new float[(int) (rate * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return samples;
    }

    private static double rms(float[] samples) {
        double sum = 0;
        for (float s : samples) {
            sum += s * s;
        }
        return Math.sqrt(sum / samples.length);
    }
}
