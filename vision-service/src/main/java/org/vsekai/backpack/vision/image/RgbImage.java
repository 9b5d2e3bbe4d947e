package org.vsekai.backpack.vision.image;

/**
 * A decoded image: {@code width × height} pixels, row by row, each {@code 0xRRGGBB}. Alpha is dropped, grey is
 * spread to three equal channels.
 */
public record RgbImage(int width, int height, int[] pixels) {

    public RgbImage {
        if (width < 1 || height < 1 || pixels.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + (long) width * height
                    + " pixels, not " + pixels.length);
        }
    }

    public int rgb(int x, int y) {
        return pixels[y * width + x];
    }

    public long pixelCount() {
        return (long) width * height;
    }
}
