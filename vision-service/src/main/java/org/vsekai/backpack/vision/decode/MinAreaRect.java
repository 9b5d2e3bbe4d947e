package org.vsekai.backpack.vision.decode;

import java.util.Arrays;

/**
 * The smallest rectangle, at any angle, around a set of points (OpenCV's {@code minAreaRect}, which PaddleOCR's DB
 * post-processing takes of each region): the convex hull (monotone chain), then each hull edge's direction tried as
 * a side (rotating calipers). Corners come in PaddleOCR's order: of the two leftmost the upper is top-left and the
 * lower bottom-left, of the two rightmost the upper is top-right, so the box reads along the text's own direction.
 */
final class MinAreaRect {

    private MinAreaRect() {
    }

    /**
     * A rectangle with sides along {@code (ux, uy)} and its normal {@code (-uy, ux)}, spanning {@code [minU, maxU]}
     * and {@code [minV, maxV]} in those coordinates.
     */
    record Rect(double ux, double uy, double minU, double maxU, double minV, double maxV) {

        double side(boolean shorter) {
            double a = maxU - minU;
            double b = maxV - minV;
            return shorter ? Math.min(a, b) : Math.max(a, b);
        }

        double area() {
            return (maxU - minU) * (maxV - minV);
        }

        double perimeter() {
            return 2 * ((maxU - minU) + (maxV - minV));
        }

        boolean contains(double x, double y) {
            double u = x * ux + y * uy;
            double v = -x * uy + y * ux;
            return u >= minU - 1e-6 && u <= maxU + 1e-6 && v >= minV - 1e-6 && v <= maxV + 1e-6;
        }

        /** Every side moved outwards by {@code d}. */
        Rect grown(double d) {
            return new Rect(ux, uy, minU - d, maxU + d, minV - d, maxV + d);
        }

        /** {x0, y0, x1, y1, x2, y2, x3, y3}: top-left, top-right, bottom-right, bottom-left. */
        double[] corners() {
            double[][] corners = new double[4][];
            int c = 0;
            for (double u : new double[] {minU, maxU}) {
                for (double v : new double[] {minV, maxV}) {
                    corners[c++] = new double[] {u * ux - v * uy, u * uy + v * ux};
                }
            }
            return order(corners);
        }
    }

    /**
     * @param xs x of each point
     * @param ys y of each point
     * @param n  points used
     */
    static Rect of(int[] xs, int[] ys, int n) {
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = ((long) xs[i] << 32) | (ys[i] & 0xFFFFFFFFL);
        }
        Arrays.sort(sorted);
        double[] hx = new double[2 * n + 1];
        double[] hy = new double[2 * n + 1];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            int floor = k;
            for (int j = 0; j < n; j++) {
                long p = sorted[pass == 0 ? j : n - 1 - j];
                double x = (int) (p >> 32);
                double y = (int) p;
                while (k >= floor + 2 && cross(hx[k - 2], hy[k - 2], hx[k - 1], hy[k - 1], x, y) <= 0) {
                    k--;
                }
                hx[k] = x;
                hy[k] = y;
                k++;
            }
            k--; // the last point of one chain is the first of the other
        }
        int hull = Math.max(1, k);
        Rect best = null;
        for (int i = 0; i < hull; i++) {
            int j = (i + 1) % hull;
            double dx = hx[j] - hx[i];
            double dy = hy[j] - hy[i];
            double length = Math.hypot(dx, dy);
            double ux = length == 0 ? 1 : dx / length;
            double uy = length == 0 ? 0 : dy / length;
            double minU = Double.POSITIVE_INFINITY;
            double maxU = Double.NEGATIVE_INFINITY;
            double minV = Double.POSITIVE_INFINITY;
            double maxV = Double.NEGATIVE_INFINITY;
            for (int h = 0; h < hull; h++) {
                double u = hx[h] * ux + hy[h] * uy;
                double v = -hx[h] * uy + hy[h] * ux;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            Rect candidate = new Rect(ux, uy, minU, maxU, minV, maxV);
            if (best == null || candidate.area() < best.area() - 1e-9) {
                best = candidate;
            }
        }
        return best;
    }

    /** PaddleOCR's {@code get_mini_boxes} order. */
    private static double[] order(double[][] corners) {
        Arrays.sort(corners, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        double[] topLeft = corners[0][1] <= corners[1][1] ? corners[0] : corners[1];
        double[] bottomLeft = topLeft == corners[0] ? corners[1] : corners[0];
        double[] topRight = corners[2][1] <= corners[3][1] ? corners[2] : corners[3];
        double[] bottomRight = topRight == corners[2] ? corners[3] : corners[2];
        return new double[] {topLeft[0], topLeft[1], topRight[0], topRight[1], bottomRight[0], bottomRight[1],
                bottomLeft[0], bottomLeft[1]};
    }

    private static double cross(double ox, double oy, double ax, double ay, double bx, double by) {
        return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
    }
}
