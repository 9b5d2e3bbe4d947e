package org.vsekai.backpack.vision.tensor;

/**
 * Where an image landed in its tensor: scaled to {@code contentWidth × contentHeight} at
 * ({@code contentX}, {@code contentY}) of a {@code tensorWidth × tensorHeight} tensor, the rest padding. Its inverse
 * takes a point the model reports in tensor pixels back to pixels of the original image.
 */
public record Placement(int imageWidth, int imageHeight, int tensorWidth, int tensorHeight, int contentX,
                        int contentY, int contentWidth, int contentHeight) {

    /** A tensor x coordinate in image pixels. */
    public double toImageX(double tensorX) {
        return (tensorX - contentX) * imageWidth / contentWidth;
    }

    /** A tensor y coordinate in image pixels. */
    public double toImageY(double tensorY) {
        return (tensorY - contentY) * imageHeight / contentHeight;
    }

    /** An x in [0, 1] of the tensor's width (RF-DETR's normalised boxes), in image pixels. */
    public double normalisedToImageX(double x) {
        return toImageX(x * tensorWidth);
    }

    public double normalisedToImageY(double y) {
        return toImageY(y * tensorHeight);
    }

    /** Whether two images share a tensor shape, so they can go in one batch. */
    public boolean sameTensor(Placement other) {
        return tensorWidth == other.tensorWidth && tensorHeight == other.tensorHeight;
    }
}
