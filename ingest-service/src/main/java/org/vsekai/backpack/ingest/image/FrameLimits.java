package org.vsekai.backpack.ingest.image;

/**
 * What a camera frame may be, checked on its header before any pixel is decoded (here or by the vision-service).
 *
 * @param maxBytes  the encoded file
 * @param maxWidth  pixels across
 * @param maxHeight pixels down
 * @param maxPixels width × height, which bounds the decoded image: 4 bytes a pixel at most
 */
public record FrameLimits(long maxBytes, int maxWidth, int maxHeight, long maxPixels) {

    public static FrameLimits defaults() {
        return new FrameLimits(16L << 20, 8192, 8192, 40_000_000L);
    }
}
