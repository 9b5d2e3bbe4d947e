package org.vsekai.backpack.vision.audio;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A RIFF/WAVE stream of PCM 16-bit little-endian samples read as it arrives, never held whole: the header is read
 * and checked first (format, and the duration its data size declares against the limit), then samples come in
 * chunks, every channel averaged to one. Chunks other than {@code fmt } and {@code data} are skipped. A data size of
 * 0 or 0xFFFFFFFF (a WAV written to a pipe) means "until the end"; the byte and duration limits hold either way.
 */
public final class WavStream {

    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;

    private final InputStream in;
    private final long maxBytes;
    private final long maxFrames;
    private final int sampleRate;
    private final int channels;
    private long remaining;
    private long bytesRead;
    private long framesRead;
    private final byte[] raw;

    /**
     * Reads the header.
     *
     * @throws AudioRejected when it is not PCM 16-bit WAV, or says more than the limits allow
     */
    public WavStream(InputStream in, long maxBytes, Duration maxDuration, int chunkFrames) throws IOException {
        this.in = in;
        this.maxBytes = maxBytes;
        if (!"RIFF".equals(tag())) {
            throw bad("the body is not a RIFF file");
        }
        uint32(); // the RIFF size: often wrong in streamed files, and the data chunk's size is what counts
        if (!"WAVE".equals(tag())) {
            throw bad("the RIFF file is not WAVE");
        }
        int format = -1;
        int rate = 0;
        int count = 0;
        int bits = 0;
        while (true) {
            String id = tag();
            long size = uint32();
            if ("fmt ".equals(id)) {
                if (size < 16) {
                    throw bad("its fmt chunk has " + size + " bytes, at least 16 expected");
                }
                format = uint16();
                count = uint16();
                rate = (int) uint32();
                uint32(); // bytes per second
                uint16(); // block align
                bits = uint16();
                if (format == EXTENSIBLE && size >= 40) {
                    uint16(); // extension size
                    uint16(); // valid bits
                    uint32(); // channel mask
                    format = uint16(); // the sub-format GUID starts with the format code
                    skip(size - 26);
                } else {
                    skip(size - 16);
                }
                if (size % 2 == 1) {
                    skip(1);
                }
            } else if ("data".equals(id)) {
                if (format < 0) {
                    throw bad("its data chunk comes before any fmt chunk");
                }
                remaining = size == 0 || size == 0xFFFFFFFFL ? Long.MAX_VALUE : size;
                break;
            } else {
                skip(size + (size % 2));
            }
        }
        if (format != PCM || bits != 16) {
            throw bad("it holds format " + format + " with " + bits + "-bit samples; only PCM (1) 16-bit is read");
        }
        if (count < 1 || count > 16) {
            throw bad("it says " + count + " channels; 1 to 16 are read");
        }
        if (rate < 1000 || rate > 384_000) {
            throw bad("it says " + rate + " samples a second; 1,000 to 384,000 are read");
        }
        this.sampleRate = rate;
        this.channels = count;
        this.maxFrames = Math.max(1, maxDuration.toMillis() * rate / 1000);
        if (remaining != Long.MAX_VALUE && bytesRead + remaining > maxBytes) {
            throw new AudioRejected(AudioRejected.Kind.TOO_LARGE, "A WAV may have at most " + maxBytes
                    + " bytes; this one says " + (bytesRead + remaining));
        }
        if (remaining != Long.MAX_VALUE && remaining / (2L * count) > maxFrames) {
            throw tooLong(remaining / (2L * count));
        }
        this.raw = new byte[chunkFrames * 2 * count];
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** Samples read so far, per channel. */
    public long frames() {
        return framesRead;
    }

    /**
     * Up to {@code out.length} mono samples in [-1, 1); 0 at the end. A trailing partial frame is dropped.
     */
    public int read(float[] out) throws IOException {
        int frameBytes = 2 * channels;
        int wanted = (int) Math.min((long) Math.min(out.length, raw.length / frameBytes) * frameBytes, remaining);
        wanted -= wanted % frameBytes;
        int got = 0;
        while (got < wanted) {
            int n = in.read(raw, got, wanted - got);
            if (n < 0) {
                break;
            }
            got += n;
            count(n);
        }
        remaining -= got;
        int frames = got / frameBytes;
        if (framesRead + frames > maxFrames) {
            throw tooLong(framesRead + frames);
        }
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = (f * channels + c) * 2;
                sum += (short) ((raw[at] & 0xFF) | (raw[at + 1] << 8));
            }
            out[f] = sum / (32768f * channels);
        }
        framesRead += frames;
        return frames;
    }

    private AudioRejected tooLong(long frames) {
        return new AudioRejected(AudioRejected.Kind.TOO_LONG, "the audio is longer than "
                + maxFrames * 1000 / sampleRateOr1() + " ms (at least " + frames * 1000 / sampleRateOr1()
                + " ms)");
    }

    private int sampleRateOr1() {
        return Math.max(1, sampleRate == 0 ? 1 : sampleRate);
    }

    private static AudioRejected bad(String why) {
        return new AudioRejected(AudioRejected.Kind.BAD_WAV, "Not a WAV the service reads: " + why);
    }

    private void count(long n) {
        bytesRead += n;
        if (bytesRead > maxBytes) {
            throw new AudioRejected(AudioRejected.Kind.TOO_LARGE, "A WAV may have at most " + maxBytes + " bytes");
        }
    }

    private byte[] exactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        count(bytes.length);
        if (bytes.length < n) {
            throw bad("it ends inside its header");
        }
        return bytes;
    }

    private String tag() throws IOException {
        return new String(exactly(4), java.nio.charset.StandardCharsets.US_ASCII);
    }

    private long uint32() throws IOException {
        byte[] b = exactly(4);
        return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
    }

    private int uint16() throws IOException {
        byte[] b = exactly(2);
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int step = (int) Math.min(left, 8192);
            exactly(step);
            left -= step;
        }
    }
}
