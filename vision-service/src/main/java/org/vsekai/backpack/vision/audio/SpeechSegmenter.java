package org.vsekai.backpack.vision.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Window probabilities to speech segments, as Silero's {@code get_speech_timestamps}: speech starts at a window at
 * or above the threshold; it ends at the first window below {@code threshold − 0.15} that is followed by at least
 * {@code min-silence} of such windows (a shorter dip does not end it); segments shorter than {@code min-speech} are
 * dropped; at the end each is padded by {@code speech-pad} on both sides, or by half the pause when two are closer
 * than twice the pad. Positions are in samples of 16 kHz audio. Holds only the segments found.
 */
public final class SpeechSegmenter {

    private final double threshold;
    private final double negative;
    private final long minSpeech;
    private final long minSilence;
    private final long pad;
    private final List<long[]> segments = new ArrayList<>();
    private boolean triggered;
    private long start;
    private long tempEnd;
    private long position;

    /** Durations in samples. */
    public SpeechSegmenter(double threshold, long minSpeech, long minSilence, long pad) {
        this.threshold = threshold;
        this.negative = threshold - 0.15;
        this.minSpeech = minSpeech;
        this.minSilence = minSilence;
        this.pad = pad;
    }

    /** The next window's probability; windows are {@link SileroVad#WINDOW} samples. */
    public void accept(float probability) {
        long at = position;
        position += SileroVad.WINDOW;
        if (probability >= threshold && tempEnd != 0) {
            tempEnd = 0;
        }
        if (probability >= threshold && !triggered) {
            triggered = true;
            start = at;
            return;
        }
        if (probability < negative && triggered) {
            if (tempEnd == 0) {
                tempEnd = at;
            }
            if (at - tempEnd < minSilence) {
                return;
            }
            if (tempEnd - start > minSpeech) {
                segments.add(new long[] {start, tempEnd});
            }
            tempEnd = 0;
            triggered = false;
        }
    }

    /**
     * The segments, padded, in samples, for audio of {@code length} samples.
     */
    public List<long[]> finish(long length) {
        List<long[]> found = new ArrayList<>(segments);
        if (triggered && length - start > minSpeech) {
            found.add(new long[] {start, length});
        }
        for (int i = 0; i < found.size(); i++) {
            long[] segment = found.get(i);
            if (i == 0) {
                segment[0] = Math.max(0, segment[0] - pad);
            }
            if (i < found.size() - 1) {
                long[] following = found.get(i + 1);
                long silence = following[0] - segment[1];
                if (silence < 2 * pad) {
                    segment[1] += silence / 2;
                    following[0] = Math.max(0, following[0] - silence / 2);
                } else {
                    segment[1] = Math.min(length, segment[1] + pad);
                    following[0] = Math.max(0, following[0] - pad);
                }
            } else {
                segment[1] = Math.min(length, segment[1] + pad);
            }
        }
        return found;
    }
}
