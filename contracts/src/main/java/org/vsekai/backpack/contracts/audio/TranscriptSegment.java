package org.vsekai.backpack.contracts.audio;

/** The text read in one stretch of speech, with the decoder's confidence in [0, 1]. */
public record TranscriptSegment(long startMs, long endMs, String text, double confidence) {
}
