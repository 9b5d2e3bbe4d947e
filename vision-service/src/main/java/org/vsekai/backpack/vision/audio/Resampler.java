package org.vsekai.backpack.vision.audio;

import java.util.Arrays;

/**
 * Band-limited resampling by a rational factor {@code L/M} (the two rates over their greatest common divisor), as a
 * polyphase windowed-sinc filter: output sample {@code n} sits at input time {@code t = n·M/L} and is
 * {@code Σ x[k]·h(t − k)} over the {@code 2·Z/fc} input samples around {@code t}, with
 * {@code h(τ) = fc·sinc(fc·τ)·kaiser(τ)}, {@code fc} the lower rate's Nyquist as a fraction of the input's (times a
 * roll-off of 0.9, so the band above 90% of the lower Nyquist is cut before it could fold back), {@code Z} zero
 * crossings of the sinc on each side and a Kaiser window (β 8.6, about 90 dB down). Each phase's taps are scaled to
 * sum to 1, so a constant stays constant. Streaming: input comes in any chunks, output is the same as in one go;
 * the filter is centred (no delay), samples before the start and after {@link #finish} are zeros. Memory is the
 * filter table (at most {@value #MAX_TABLE} phases, otherwise taps are computed per sample) and one window.
 */
public final class Resampler {

    static final int ZEROS = 16;
    static final double ROLLOFF = 0.9;
    static final double BETA = 8.6;
    static final int MAX_TABLE = 1024;

    private final int up;
    private final int down;
    private final double cutoff;
    /** Half the filter's span, in input samples. */
    private final int half;
    private final float[][] table;
    /** Input samples kept: index 0 is absolute input sample {@code start}. */
    private float[] buffer = new float[0];
    private int length;
    private long start;
    private long received;
    private long next;

    public Resampler(int from, int to) {
        if (from <= 0 || to <= 0) {
            throw new IllegalArgumentException("rates must be positive");
        }
        int gcd = gcd(from, to);
        this.up = to / gcd;
        this.down = from / gcd;
        this.cutoff = Math.min(1.0, (double) to / from) * ROLLOFF;
        this.half = (int) Math.ceil(ZEROS / cutoff);
        if (up <= MAX_TABLE && !identity()) {
            table = new float[up][];
            for (int phase = 0; phase < up; phase++) {
                table[phase] = taps((double) phase / up);
            }
        } else {
            table = null;
        }
    }

    private boolean identity() {
        return up == 1 && down == 1;
    }

    /** Samples out per input sample. */
    public double ratio() {
        return (double) up / down;
    }

    /** Adds {@code n} input samples; every output sample they complete goes to {@code out}. */
    public void process(float[] in, int n, Sink out) {
        if (identity()) {
            out.accept(in, n);
            received += n;
            return;
        }
        append(in, n);
        emit(out, false);
    }

    /** The output samples that still wait for input after the end (taken as zeros). */
    public void finish(Sink out) {
        if (identity()) {
            return;
        }
        emit(out, true);
    }

    private void emit(Sink out, boolean last) {
        float[] chunk = new float[256];
        int filled = 0;
        while (true) {
            long position = next * down;
            long centre = position / up;
            int phase = (int) (position % up);
            if (last ? centre >= received : centre + half >= received) {
                break;
            }
            float[] h = table != null ? table[phase] : taps((double) phase / up);
            double sum = 0;
            long first = centre - half + 1;
            for (int i = 0; i < h.length; i++) {
                long k = first + i;
                if (k >= start && k < start + length) {
                    sum += buffer[(int) (k - start)] * h[i];
                }
            }
            chunk[filled++] = (float) sum;
            if (filled == chunk.length) {
                out.accept(chunk, filled);
                filled = 0;
            }
            next++;
        }
        if (filled > 0) {
            out.accept(chunk, filled);
        }
        // Keep only what the next output sample's window reaches back to.
        long keepFrom = (next * down) / up - half + 1;
        if (keepFrom > start) {
            int drop = (int) Math.min(length, keepFrom - start);
            System.arraycopy(buffer, drop, buffer, 0, length - drop);
            length -= drop;
            start += drop;
        }
    }

    private void append(float[] in, int n) {
        if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + n, buffer.length * 2));
        }
        System.arraycopy(in, 0, buffer, length, n);
        length += n;
        received += n;
    }

    /** Taps at {@code k = centre − half + 1 … centre + half} for an output {@code fraction} past {@code centre}. */
    private float[] taps(double fraction) {
        float[] h = new float[2 * half];
        double sum = 0;
        double[] raw = new double[2 * half];
        for (int i = 0; i < raw.length; i++) {
            double tau = fraction + half - 1 - i; // t − k
            double x = tau / half;
            if (Math.abs(x) >= 1) {
                continue;
            }
            double arg = Math.PI * cutoff * tau;
            double sinc = arg == 0 ? 1 : Math.sin(arg) / arg;
            raw[i] = cutoff * sinc * bessel0(BETA * Math.sqrt(1 - x * x)) / bessel0(BETA);
            sum += raw[i];
        }
        for (int i = 0; i < raw.length; i++) {
            h[i] = (float) (raw[i] / sum);
        }
        return h;
    }

    /** The modified Bessel function of the first kind, order 0, by its series (converges fast for β ≤ 20). */
    static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        double quarter = x * x / 4;
        for (int k = 1; k < 64; k++) {
            term *= quarter / ((double) k * k);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Where output samples go, a chunk at a time (the array is reused after the call). */
    @FunctionalInterface
    public interface Sink {
        void accept(float[] samples, int n);
    }
}
