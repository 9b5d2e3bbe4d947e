package org.vsekai.backpack.ingest.image;

/** The image formats a frame may have, with their media types. */
public enum ImageFormat {
    PNG("image/png"), JPEG("image/jpeg");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
