package org.vsekai.backpack.vision.imaging;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.vision.image.RgbImage;

/**
 * An image-to-image model ([1,3,h,w] → [1,3,sh,sw]) over an image of any size, a tile at a time, so that memory stays
 * bounded by the tile and one band of output rows, not the image. Tiles of {@code tile} pixels overlap their
 * neighbours by at least {@code overlap}; the last tile of a row or column is moved in to end at the image's edge.
 * Where tiles overlap their outputs are blended with weights that ramp linearly across the overlap (1 at an image
 * edge), so tile seams do not show. A band of output rows is written out as soon as no later tile reaches it.
 */
public final class TiledTransform {

    /** Runs the model on one tile: float CHW of {@code width × height} in, float CHW of the scaled size out. */
    @FunctionalInterface
    public interface TileRunner {
        float[] run(float[] chw, int width, int height) throws Exception;
    }

    private final int tile;
    private final int overlap;
    private final int scale;
    private final float divisor;

    public TiledTransform(int tile, int overlap, int scale, float divisor) {
        if (tile < 1 || overlap < 0 || 2 * overlap >= tile || scale < 1) {
            throw new IllegalArgumentException("tile " + tile + ", overlap " + overlap + ", scale " + scale
                    + ": the overlap must be under half the tile, the scale at least 1");
        }
        this.tile = tile;
        this.overlap = overlap;
        this.scale = scale;
        this.divisor = divisor;
    }

    /** Where tiles start along a side of {@code length} pixels. */
    List<Integer> origins(int length) {
        List<Integer> origins = new ArrayList<>();
        int size = Math.min(tile, length);
        int stride = tile - overlap;
        for (int at = 0; ; at += stride) {
            int origin = Math.min(at, length - size);
            if (origins.isEmpty() || origins.get(origins.size() - 1) != origin) {
                origins.add(origin);
            }
            if (origin + size >= length) {
                return origins;
            }
        }
    }

    public RgbImage apply(RgbImage image, TileRunner runner) throws Exception {
        int width = image.width();
        int height = image.height();
        int tw = Math.min(tile, width);
        int th = Math.min(tile, height);
        int outWidth = width * scale;
        int[] out = new int[outWidth * height * scale];
        List<Integer> xs = origins(width);
        List<Integer> ys = origins(height);
        Band band = null;
        for (int row = 0; row < ys.size(); row++) {
            int y0 = ys.get(row);
            Band next = new Band(y0 * scale, th * scale, outWidth);
            if (band != null) {
                band.carryInto(next);
            }
            band = next;
            for (int x0 : xs) {
                float[] result = runner.run(tensor(image, x0, y0, tw, th), tw, th);
                if (result.length != 3 * tw * scale * th * scale) {
                    throw new IllegalStateException("the model gave " + result.length + " values for a " + tw + "x"
                            + th + " tile, not 3 x " + tw * scale + " x " + th * scale);
                }
                band.add(result, x0 * scale, tw * scale, th * scale, x0 > 0, x0 + tw < width, y0 > 0,
                        y0 + th < height);
            }
            int until = row + 1 < ys.size() ? ys.get(row + 1) * scale : height * scale;
            band.writeRows(out, until);
        }
        return new RgbImage(outWidth, height * scale, out);
    }

    private float[] tensor(RgbImage image, int x0, int y0, int w, int h) {
        float[] chw = new float[3 * w * h];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.rgb(x0 + x, y0 + y);
                int i = y * w + x;
                chw[i] = ((rgb >> 16) & 0xFF) / divisor;
                chw[plane + i] = ((rgb >> 8) & 0xFF) / divisor;
                chw[2 * plane + i] = (rgb & 0xFF) / divisor;
            }
        }
        return chw;
    }

    /** Weight of a tile's output at {@code i} of {@code n} along one side: ramps across the overlap, 1 at an edge. */
    private float ramp(int i, int n, boolean before, boolean after) {
        float ramp = overlap * scale;
        float w = 1;
        if (before && ramp > 0) {
            w = Math.min(w, (i + 0.5f) / ramp);
        }
        if (after && ramp > 0) {
            w = Math.min(w, (n - i - 0.5f) / ramp);
        }
        return w;
    }

    /** Weighted sums of the output rows one row of tiles covers, starting at output row {@code top}. */
    private final class Band {
        final int top;
        final int rows;
        final int width;
        final float[] sums;    // r, g, b, weight per output pixel of the band
        int written;           // output rows of the band already written out, from top

        Band(int top, int rows, int width) {
            this.top = top;
            this.rows = rows;
            this.width = width;
            this.sums = new float[4 * rows * width];
        }

        void add(float[] chw, int left, int w, int h, boolean hasLeft, boolean hasRight, boolean hasTop,
                 boolean hasBottom) {
            int plane = w * h;
            for (int y = 0; y < h; y++) {
                float wy = ramp(y, h, hasTop, hasBottom);
                for (int x = 0; x < w; x++) {
                    float weight = wy * ramp(x, w, hasLeft, hasRight);
                    int i = y * w + x;
                    int at = 4 * (y * width + left + x);
                    sums[at] += weight * chw[i];
                    sums[at + 1] += weight * chw[plane + i];
                    sums[at + 2] += weight * chw[2 * plane + i];
                    sums[at + 3] += weight;
                }
            }
        }

        /** The rows this band shares with the next one (from the next's top on) go on there. */
        void carryInto(Band next) {
            for (int y = next.top; y < top + rows; y++) {
                System.arraycopy(sums, 4 * (y - top) * width, next.sums, 4 * (y - next.top) * width, 4 * width);
            }
        }

        /** Writes the output rows of this band above {@code until} (absolute) that no later tile reaches. */
        void writeRows(int[] out, int until) {
            for (int y = top + written; y < Math.min(until, top + rows); y++) {
                for (int x = 0; x < width; x++) {
                    int at = 4 * ((y - top) * width + x);
                    float weight = sums[at + 3];
                    out[y * width + x] = (channel(sums[at] / weight) << 16) | (channel(sums[at + 1] / weight) << 8)
                            | channel(sums[at + 2] / weight);
                }
                written++;
            }
        }
    }

    private int channel(float value) {
        return Math.max(0, Math.min(255, Math.round(value * divisor)));
    }
}
