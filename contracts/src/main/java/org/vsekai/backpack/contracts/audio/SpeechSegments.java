package org.vsekai.backpack.contracts.audio;

import java.util.List;

/**
 * What {@code POST /audio/segments} answers: the speech found in one WAV upload, in order.
 *
 * @param model        the voice-activity model ({@code silero-vad})
 * @param modelVersion the first 12 hex digits of the model file's SHA-256
 * @param sampleRate   the upload's own rate (it is analysed at 16 kHz)
 * @param channels     the upload's channels (averaged to one)
 * @param durationMs   the upload's length
 */
public record SpeechSegments(String model, String modelVersion, int sampleRate, int channels, long durationMs,
                             List<SpeechSegment> segments) {
}
