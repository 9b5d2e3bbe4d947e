package org.vsekai.backpack.contracts.audio;

/** The body of {@code POST /audio/speech}: the text to speak. */
public record SpeechRequest(String text) {
}
