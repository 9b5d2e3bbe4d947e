package org.vsekai.backpack.pose.triangulation;

/**
 * A point recovered from several views.
 *
 * @param x                    world x (scene units)
 * @param y                    world y
 * @param z                    world z
 * @param views                how many views it was fitted to (the confident ones)
 * @param reprojectionError    root mean square, over those views, of the distance in pixels between where the
 *                             point projects and where it was found
 * @param maxReprojectionError the largest of those distances
 * @param errorPerPixel        the expected position error (root of the covariance's trace, in scene units) per
 *                             pixel of independent Gaussian noise on each coordinate of each view: how well the
 *                             cameras' geometry pins the point (large for near-parallel rays)
 */
public record TriangulatedPoint(double x, double y, double z, int views, double reprojectionError,
                                double maxReprojectionError, double errorPerPixel) {

    /** Distance to another position. */
    public double distanceTo(double ox, double oy, double oz) {
        double dx = x - ox;
        double dy = y - oy;
        double dz = z - oz;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    public double[] position() {
        return new double[] {x, y, z};
    }
}
