package org.vsekai.backpack.vision.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Real speech for the tests: sentences spoken by Debian's {@code espeak-ng} (22,050 Hz, mono, 16-bit), read with
 * the JDK's own WAV reader, set between silences of known length; the speech's true place is where its samples
 * first and last exceed 1% of full scale. WAV files are written here too, in any channel count.
 */
public final class Speech {

    public static final int RATE = 22_050;
    /** A sample above this (1% of full scale) is voice, not espeak's own lead-in and trail. */
    static final int AUDIBLE = 328;

    private Speech() {
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The sentence as espeak-ng speaks it, 16-bit samples at 22,050 Hz. */
    public static short[] spoken(String sentence) throws Exception {
        Path wav = Files.createTempFile("speech", ".wav");
        try {
            Process p = new ProcessBuilder("espeak-ng", "-v", "en", "-w", wav.toString(), sentence)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("espeak-ng failed on " + sentence);
            }
            try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
                AudioFormat format = in.getFormat();
                if (format.getSampleRate() != RATE || format.getChannels() != 1 || format.getSampleSizeInBits() != 16
                        || format.isBigEndian()) {
                    throw new IllegalStateException("espeak-ng wrote " + format);
                }
                byte[] bytes = in.readAllBytes();
                short[] samples = new short[bytes.length / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
                }
                return samples;
            }
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** Audio and where its speech truly is, in milliseconds. */
    public record Track(short[] samples, List<long[]> speechMs) {
    }

    /** Silence, then each sentence followed by silence: {@code silencesMs} has one more entry than sentences. */
    public static Track track(List<String> sentences, List<Integer> silencesMs) throws Exception {
        List<short[]> parts = new ArrayList<>();
        List<long[]> truth = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < silencesMs.size(); i++) {
            short[] silence = new short[silencesMs.get(i) * RATE / 1000];
            parts.add(silence);
            at += silence.length;
            if (i < sentences.size()) {
                short[] voice = spoken(sentences.get(i));
                int first = 0;
                while (Math.abs(voice[first]) <= AUDIBLE) {
                    first++;
                }
                int last = voice.length - 1;
                while (Math.abs(voice[last]) <= AUDIBLE) {
                    last--;
                }
                truth.add(new long[] {(at + first) * 1000 / RATE, (at + last + 1) * 1000 / RATE});
                parts.add(voice);
                at += voice.length;
            }
        }
        short[] all = new short[(int) at];
        int offset = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return new Track(all, truth);
    }

    /** A PCM 16-bit WAV of the samples, each copied to every channel. */
    public static byte[] wav(short[] samples, int rate, int channels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int data = samples.length * 2 * channels;
        ascii(out, "RIFF");
        int32(out, 36 + data);
        ascii(out, "WAVE");
        ascii(out, "fmt ");
        int32(out, 16);
        int16(out, 1);
        int16(out, channels);
        int32(out, rate);
        int32(out, rate * 2 * channels);
        int16(out, 2 * channels);
        int16(out, 16);
        ascii(out, "data");
        int32(out, data);
        for (short s : samples) {
            for (int c = 0; c < channels; c++) {
                int16(out, s);
            }
        }
        return out.toByteArray();
    }

    static void ascii(ByteArrayOutputStream out, String tag) {
        out.writeBytes(tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static void int32(ByteArrayOutputStream out, long v) {
        out.write((int) v & 0xFF);
        out.write((int) (v >> 8) & 0xFF);
        out.write((int) (v >> 16) & 0xFF);
        out.write((int) (v >> 24) & 0xFF);
    }

    static void int16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
    }
}
