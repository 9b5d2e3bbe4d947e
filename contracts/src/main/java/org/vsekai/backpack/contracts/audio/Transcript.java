package org.vsekai.backpack.contracts.audio;

import java.util.List;

/**
 * What {@code POST /audio/transcriptions} answers: the text of a WAV upload, whole and by speech segment.
 *
 * @param model        the acoustic model (its file name)
 * @param modelVersion the first 12 hex digits of its file's SHA-256
 * @param text         the segments' texts joined by spaces
 */
public record Transcript(String model, String modelVersion, long durationMs, String text,
                         List<TranscriptSegment> segments) {
}
