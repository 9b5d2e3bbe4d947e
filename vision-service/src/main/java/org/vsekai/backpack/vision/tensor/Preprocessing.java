package org.vsekai.backpack.vision.tensor;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.vsekai.backpack.vision.image.RgbImage;

/**
 * How one model wants its images: the resize into the tensor, the channel order, the normalisation
 * {@code (pixel / divisor - mean[c]) / std[c]} (float tensors only; uint8 tensors take the pixel), and the layout.
 * Resampling is bilinear with half-pixel centres (as OpenCV's {@code INTER_LINEAR}, which the models were trained
 * with), each sample rounded to a whole 0-255 value as an 8-bit resize would; at scale 1 pixels are copied exactly.
 *
 * @param width  tensor width; for {@code fit} the largest allowed
 * @param height tensor height; for {@code fit} the largest allowed
 * @param mean   per tensor channel (after the colour order applies)
 * @param std    per tensor channel
 */
public record Preprocessing(Resize resize, int width, int height, Anchor anchor, int padValue, int stride,
                            int maxSide, ColourOrder colourOrder, double divisor, double[] mean, double[] std,
                            TensorType type, Layout layout) {

    public static final int CHANNELS = 3;

    public Preprocessing {
        mean = mean.clone();
        std = std.clone();
        if (mean.length != CHANNELS || std.length != CHANNELS) {
            throw new IllegalArgumentException("mean and std need " + CHANNELS + " values each, one per channel");
        }
        if (Arrays.stream(std).anyMatch(s -> s == 0) || divisor == 0) {
            throw new IllegalArgumentException("std and divisor must not be 0");
        }
    }

    /** Where an image of this size goes in the tensor. */
    public Placement place(int imageWidth, int imageHeight) {
        return switch (resize) {
            case STRETCH -> new Placement(imageWidth, imageHeight, width, height, 0, 0, width, height);
            case LETTERBOX -> {
                double scale = Math.min((double) width / imageWidth, (double) height / imageHeight);
                int w = clamp((int) Math.round(imageWidth * scale), width);
                int h = clamp((int) Math.round(imageHeight * scale), height);
                int x = anchor == Anchor.CENTER ? (width - w) / 2 : 0;
                int y = anchor == Anchor.CENTER ? (height - h) / 2 : 0;
                yield new Placement(imageWidth, imageHeight, width, height, x, y, w, h);
            }
            case FIT -> {
                // PaddleOCR's detector: the longer side at most maxSide, each side a multiple of the stride.
                double ratio = Math.max(imageWidth, imageHeight) > maxSide
                        ? (double) maxSide / Math.max(imageWidth, imageHeight) : 1.0;
                int w = Math.max(stride, (int) Math.round(imageWidth * ratio / stride) * stride);
                int h = Math.max(stride, (int) Math.round(imageHeight * ratio / stride) * stride);
                yield new Placement(imageWidth, imageHeight, w, h, 0, 0, w, h);
            }
            case HEIGHT -> {
                int w = clamp((int) Math.ceil((double) height * imageWidth / imageHeight), width);
                yield new Placement(imageWidth, imageHeight, width, height, 0, 0, w, height);
            }
            case LINE -> {
                int w = clamp((int) Math.ceil((double) height * imageWidth / imageHeight), maxSide);
                yield new Placement(imageWidth, imageHeight, Math.max(width, w), height, 0, 0, w, height);
            }
        };
    }

    /**
     * The placement of a text line in a tensor {@code tensorWidth} wide: lines of a batch share the widest one's
     * tensor, each padded on the right (for {@code line} and {@code height}).
     */
    public Placement placeIn(int imageWidth, int imageHeight, int tensorWidth) {
        Placement own = place(imageWidth, imageHeight);
        return new Placement(imageWidth, imageHeight, Math.max(tensorWidth, own.tensorWidth()), own.tensorHeight(),
                0, 0, own.contentWidth(), own.contentHeight());
    }

    private static int clamp(int value, int max) {
        return Math.max(1, Math.min(max, value));
    }

    /** Elements of one image's tensor. */
    public static int elements(Placement placement) {
        return CHANNELS * placement.tensorWidth() * placement.tensorHeight();
    }

    /** The tensor shape of a batch: {@code [n, 3, h, w]} or {@code [n, h, w, 3]}. */
    public long[] shape(int batch, Placement placement) {
        return layout == Layout.NCHW
                ? new long[] {batch, CHANNELS, placement.tensorHeight(), placement.tensorWidth()}
                : new long[] {batch, placement.tensorHeight(), placement.tensorWidth(), CHANNELS};
    }

    /** Writes the image as batch item {@code index} of a float tensor. */
    public void write(RgbImage image, Placement placement, FloatBuffer tensor, int index) {
        int[] values = resample(image, placement);
        float[][] lookup = new float[CHANNELS][256];
        for (int c = 0; c < CHANNELS; c++) {
            for (int v = 0; v < 256; v++) {
                lookup[c][v] = (float) ((v / divisor - mean[c]) / std[c]);
            }
        }
        int count = elements(placement);
        float[] floats = Scratch.floats(count);
        int plane = placement.tensorWidth() * placement.tensorHeight();
        for (int i = 0; i < count; i++) {
            int channel = layout == Layout.NCHW ? i / plane : i % CHANNELS;
            floats[i] = lookup[channel][values[i]];
        }
        tensor.put(index * count, floats, 0, count);
    }

    /** Writes the image as batch item {@code index} of a uint8 tensor. */
    public void write(RgbImage image, Placement placement, ByteBuffer tensor, int index) {
        int[] values = resample(image, placement);
        int count = elements(placement);
        byte[] bytes = Scratch.bytes(count);
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) values[i];
        }
        tensor.put(index * count, bytes, 0, count);
    }

    /**
     * The 0-255 value of every element of the image's tensor, in the tensor's layout and channel order (in a
     * per-thread scratch array, valid until the thread's next call).
     */
    private int[] resample(RgbImage image, Placement placement) {
        int tw = placement.tensorWidth();
        int th = placement.tensorHeight();
        int[] values = Scratch.ints(elements(placement));
        Axis xs = new Axis(image.width(), placement.contentWidth());
        Axis ys = new Axis(image.height(), placement.contentHeight());
        int[] shifts = colourOrder == ColourOrder.RGB ? new int[] {16, 8, 0} : new int[] {0, 8, 16};
        int plane = tw * th;
        int[] pixels = image.pixels();
        int width = image.width();
        boolean planar = layout == Layout.NCHW;
        for (int ty = 0; ty < th; ty++) {
            int cy = ty - placement.contentY();
            boolean row = cy >= 0 && cy < placement.contentHeight();
            int top = row ? ys.low[cy] * width : 0;
            int bottom = row ? ys.high[cy] * width : 0;
            double fy = row ? ys.fraction[cy] : 0;
            for (int tx = 0; tx < tw; tx++) {
                int cx = tx - placement.contentX();
                int pixel = ty * tw + tx;
                boolean inside = row && cx >= 0 && cx < placement.contentWidth();
                int a = 0;
                int b = 0;
                int c = 0;
                int d = 0;
                double fx = 0;
                if (inside) {
                    a = pixels[top + xs.low[cx]];
                    b = pixels[top + xs.high[cx]];
                    c = pixels[bottom + xs.low[cx]];
                    d = pixels[bottom + xs.high[cx]];
                    fx = xs.fraction[cx];
                }
                for (int ch = 0; ch < CHANNELS; ch++) {
                    int value = padValue;
                    if (inside) {
                        int shift = shifts[ch];
                        int va = a >>> shift & 0xFF;
                        int vb = b >>> shift & 0xFF;
                        int vc = c >>> shift & 0xFF;
                        int vd = d >>> shift & 0xFF;
                        double upper = va + (vb - va) * fx;
                        double lower = vc + (vd - vc) * fx;
                        value = (int) Math.round(upper + (lower - upper) * fy);
                    }
                    values[planar ? ch * plane + pixel : pixel * CHANNELS + ch] = value;
                }
            }
        }
        return values;
    }

    /** Per-thread working arrays, grown as needed: a stream of frames allocates nothing per frame. */
    private static final class Scratch {
        private static final ThreadLocal<int[]> INTS = ThreadLocal.withInitial(() -> new int[0]);
        private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);
        private static final ThreadLocal<byte[]> BYTES = ThreadLocal.withInitial(() -> new byte[0]);

        static int[] ints(int size) {
            if (INTS.get().length < size) {
                INTS.set(new int[size]);
            }
            return INTS.get();
        }

        static float[] floats(int size) {
            if (FLOATS.get().length < size) {
                FLOATS.set(new float[size]);
            }
            return FLOATS.get();
        }

        static byte[] bytes(int size) {
            if (BYTES.get().length < size) {
                BYTES.set(new byte[size]);
            }
            return BYTES.get();
        }
    }

    /** The two source pixels and the weight of the second for every destination column (or row). */
    private static final class Axis {
        final int[] low;
        final int[] high;
        final double[] fraction;

        Axis(int source, int destination) {
            low = new int[destination];
            high = new int[destination];
            fraction = new double[destination];
            double scale = (double) source / destination;
            for (int i = 0; i < destination; i++) {
                double at = Math.max(0, (i + 0.5) * scale - 0.5);
                int lowIndex = Math.min((int) Math.floor(at), source - 1);
                low[i] = lowIndex;
                high[i] = Math.min(lowIndex + 1, source - 1);
                fraction[i] = lowIndex == source - 1 ? 0 : at - lowIndex;
            }
        }
    }
}
