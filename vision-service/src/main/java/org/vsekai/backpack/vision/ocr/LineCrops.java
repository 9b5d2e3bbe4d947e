package org.vsekai.backpack.vision.ocr;

import java.util.List;

import org.vsekai.backpack.contracts.vision.Point;
import org.vsekai.backpack.vision.image.RgbImage;

/**
 * A text box cut out of its image and straightened, as PaddleOCR's {@code get_rotate_crop_image}: the crop is as
 * wide as the box's longer top or bottom edge and as high as its longer left or right edge; each crop pixel is the
 * image sampled (bilinear, edges replicated) at the perspective transform of the box's corners onto the crop's.
 * A crop at least 1.5 times as high as wide is vertical text and is turned a quarter to the left.
 */
public final class LineCrops {

    private LineCrops() {
    }

    /** @param quad top-left, top-right, bottom-right, bottom-left */
    public static RgbImage crop(RgbImage image, List<Point> quad) {
        Point tl = quad.get(0);
        Point tr = quad.get(1);
        Point br = quad.get(2);
        Point bl = quad.get(3);
        int width = Math.max(1, (int) Math.max(distance(tl, tr), distance(bl, br)));
        int height = Math.max(1, (int) Math.max(distance(tl, bl), distance(tr, br)));
        double[] h = homography(new double[] {0, 0, width, 0, width, height, 0, height},
                new double[] {tl.x(), tl.y(), tr.x(), tr.y(), br.x(), br.y(), bl.x(), bl.y()});
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double w = h[6] * x + h[7] * y + 1;
                double sx = (h[0] * x + h[1] * y + h[2]) / w;
                double sy = (h[3] * x + h[4] * y + h[5]) / w;
                pixels[y * width + x] = sample(image, sx, sy);
            }
        }
        RgbImage crop = new RgbImage(width, height, pixels);
        return (double) height / width >= 1.5 ? quarterLeft(crop) : crop;
    }

    /** The image turned by 180°. */
    public static RgbImage turnOver(RgbImage image) {
        int[] source = image.pixels();
        int[] turned = new int[source.length];
        for (int i = 0; i < source.length; i++) {
            turned[i] = source[source.length - 1 - i];
        }
        return new RgbImage(image.width(), image.height(), turned);
    }

    /** numpy's {@code rot90}: a quarter turn counter-clockwise. */
    static RgbImage quarterLeft(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int[] turned = new int[w * h];
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < h; x++) {
                turned[y * h + x] = image.rgb(w - 1 - y, x);
            }
        }
        return new RgbImage(h, w, turned);
    }

    private static int sample(RgbImage image, double x, double y) {
        int w = image.width();
        int h = image.height();
        double cx = Math.max(0, Math.min(w - 1, x));
        double cy = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double fx = cx - x0;
        double fy = cy - y0;
        int a = image.rgb(x0, y0);
        int b = image.rgb(x1, y0);
        int c = image.rgb(x0, y1);
        int d = image.rgb(x1, y1);
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = (a >>> shift & 0xFF) * (1 - fx) + (b >>> shift & 0xFF) * fx;
            double bottom = (c >>> shift & 0xFF) * (1 - fx) + (d >>> shift & 0xFF) * fx;
            rgb |= (int) Math.round(top * (1 - fy) + bottom * fy) << shift;
        }
        return rgb;
    }

    private static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    /**
     * The 3×3 projective map (h22 = 1) taking the four {@code from} points to the four {@code to} points: the 8×8
     * linear system, solved by Gaussian elimination with partial pivoting.
     */
    static double[] homography(double[] from, double[] to) {
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = from[2 * i];
            double y = from[2 * i + 1];
            double u = to[2 * i];
            double v = to[2 * i + 1];
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -x * u, -y * u, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -x * v, -y * v, v};
        }
        for (int col = 0; col < 8; col++) {
            int pivot = col;
            for (int row = col + 1; row < 8; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            if (Math.abs(a[col][col]) < 1e-12) {
                throw new IllegalArgumentException("the box's corners do not span an area");
            }
            for (int row = 0; row < 8; row++) {
                if (row != col) {
                    double factor = a[row][col] / a[col][col];
                    for (int k = col; k < 9; k++) {
                        a[row][k] -= factor * a[col][k];
                    }
                }
            }
        }
        double[] h = new double[8];
        for (int i = 0; i < 8; i++) {
            h[i] = a[i][8] / a[i][i];
        }
        return h;
    }
}
