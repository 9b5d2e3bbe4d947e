package org.vsekai.backpack.vision.image;

/** Why bytes did not become an image: the reason says which limit or which decoding step, for a problem or a DLQ. */
public class ImageRejected extends Exception {

    /** What went wrong; each maps to one HTTP status. */
    public enum Kind {
        /** More bytes than the limit (413). */
        TOO_LARGE,
        /** A header declaring more pixels or a longer side than the limits (413). */
        TOO_MANY_PIXELS,
        /** Neither PNG nor JPEG (415). */
        UNSUPPORTED,
        /** PNG or JPEG by its signature, but not decodable (400). */
        UNDECODABLE
    }

    private final Kind kind;

    public ImageRejected(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
