package org.vsekai.backpack.pose.camera;

import java.util.Objects;

import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.CameraCalibration.Projection;
import org.vsekai.backpack.contracts.scene.Matrix3;
import org.vsekai.backpack.contracts.scene.Vector3;

/**
 * A calibrated camera as its 3 × 4 projection matrix P, world to pixels: (u, v) = (P₀·X̃ / P₂·X̃, P₁·X̃ / P₂·X̃)
 * with X̃ = (x, y, z, 1). A pinhole camera has P = K [R | t]; an orthographic one P₂ = (0, 0, 0, 1), so the same
 * formulas (and the same triangulation) serve both. Pixels and frames are those of {@link CameraCalibration}.
 *
 * @param name        the camera's name in the scene, for messages
 * @param matrix      P, row-major, 12 entries
 * @param perspective whether P divides by depth (a point must then be in front of the camera)
 */
public record ProjectiveCamera(String name, double[] matrix, boolean perspective) {

    public ProjectiveCamera {
        Objects.requireNonNull(matrix, "matrix");
        if (matrix.length != 12) {
            throw new IllegalArgumentException("a projection matrix has 12 entries, not " + matrix.length);
        }
        matrix = matrix.clone();
    }

    /**
     * The camera of a calibration with an image size and a pose.
     *
     * @throws IllegalArgumentException when it has no intrinsics (no image size) or no pose: such a camera cannot
     *                                  say where a pixel's ray goes in the scene
     */
    public static ProjectiveCamera of(String name, CameraCalibration calibration) {
        Matrix3 k = calibration.intrinsics();
        Matrix3 r = calibration.rotation();
        Vector3 t = calibration.translation();
        if (k == null || r == null || t == null) {
            throw new IllegalArgumentException("camera " + name + " is not calibrated: it lacks "
                    + (k == null ? "intrinsics" : "a pose"));
        }
        double[] rt = {
            r.get(0, 0), r.get(0, 1), r.get(0, 2), t.x(),
            r.get(1, 0), r.get(1, 1), r.get(1, 2), t.y(),
            r.get(2, 0), r.get(2, 1), r.get(2, 2), t.z()};
        double[] p = new double[12];
        if (calibration.projection() == Projection.PERSPECTIVE) {
            for (int row = 0; row < 3; row++) {
                for (int column = 0; column < 4; column++) {
                    double sum = 0;
                    for (int i = 0; i < 3; i++) {
                        sum += k.get(row, i) * rt[4 * i + column];
                    }
                    p[4 * row + column] = sum;
                }
            }
            return new ProjectiveCamera(name, p, true);
        }
        // Orthographic: (u, v) = K · (X_cam.x, X_cam.y, 1), the depth row replaced by the homogeneous 1.
        for (int row = 0; row < 2; row++) {
            for (int column = 0; column < 4; column++) {
                double sum = k.get(row, 0) * rt[column] + k.get(row, 1) * rt[4 + column];
                p[4 * row + column] = sum + (column == 3 ? k.get(row, 2) : 0);
            }
        }
        p[11] = 1;
        return new ProjectiveCamera(name, p, false);
    }

    @Override
    public double[] matrix() {
        return matrix.clone();
    }

    /** P's entry at (row, column). */
    public double entry(int row, int column) {
        return matrix[4 * row + column];
    }

    /** P₂·X̃: the depth along the optical axis for a pinhole camera (K's last row is (0, 0, 1)), 1 otherwise. */
    public double depth(double x, double y, double z) {
        return matrix[8] * x + matrix[9] * y + matrix[10] * z + matrix[11];
    }

    /** The pixel (u, v) of a world point; NaN when it lies in the camera's centre plane. */
    public double[] project(double x, double y, double z) {
        double w = depth(x, y, z);
        if (w == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {
            (matrix[0] * x + matrix[1] * y + matrix[2] * z + matrix[3]) / w,
            (matrix[4] * x + matrix[5] * y + matrix[6] * z + matrix[7]) / w};
    }

    /** Whether a world point is seen: in front of a pinhole camera (any point for an orthographic one). */
    public boolean sees(double x, double y, double z) {
        return !perspective || depth(x, y, z) > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProjectiveCamera that && name.equals(that.name) && perspective == that.perspective
                && java.util.Arrays.equals(matrix, that.matrix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, perspective, java.util.Arrays.hashCode(matrix));
    }

    @Override
    public String toString() {
        return "ProjectiveCamera[" + name + (perspective ? ", perspective]" : ", orthographic]");
    }
}
