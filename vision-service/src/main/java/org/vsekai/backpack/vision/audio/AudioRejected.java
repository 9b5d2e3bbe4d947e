package org.vsekai.backpack.vision.audio;

/** Audio the service does not take, and why: each kind is a problem type of its own. */
public class AudioRejected extends RuntimeException {

    public enum Kind {
        /** Not a WAV file of PCM 16-bit samples, or a broken one. */
        BAD_WAV,
        /** More bytes than {@code audio.max-bytes}. */
        TOO_LARGE,
        /** Longer than {@code audio.max-duration}. */
        TOO_LONG
    }

    private final Kind kind;

    public AudioRejected(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
