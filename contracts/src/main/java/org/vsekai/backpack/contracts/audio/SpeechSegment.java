package org.vsekai.backpack.contracts.audio;

/** Where speech is in the audio, in milliseconds from its start. */
public record SpeechSegment(long startMs, long endMs) {
}
