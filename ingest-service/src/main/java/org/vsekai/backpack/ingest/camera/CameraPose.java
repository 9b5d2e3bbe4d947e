package org.vsekai.backpack.ingest.camera;

import org.vsekai.backpack.contracts.scene.Matrix3;
import org.vsekai.backpack.contracts.scene.Vector3;

/**
 * Where a camera is: R and t mapping world to the computer-vision camera frame (x right, y down, z forward), as
 * {@code CameraCalibration} documents.
 */
public record CameraPose(Matrix3 rotation, Vector3 translation) {

    /**
     * The pose of a camera whose node has the global transform {@code cameraToWorld} (4 × 4, column-major). The
     * node's scale is ignored, as glTF says: its axes are normalised (and made orthogonal, Gram–Schmidt in x, y
     * order) before the lens's −Z-forward, +Y-up frame is turned into the vision frame.
     *
     * @throws IllegalArgumentException when the transform collapses an axis (a zero scale)
     */
    public static CameraPose ofCameraToWorld(double[] cameraToWorld) {
        double[] x = column(cameraToWorld, 0);
        double[] y = column(cameraToWorld, 1);
        x = normalised(x);
        y = normalised(subtract(y, scaled(x, dot(x, y))));
        double[] z = cross(x, y); // right-handed whatever the node's scale signs were
        double[] centre = column(cameraToWorld, 3);
        // Rows of R (world→vision camera) are the camera's axes in world coordinates: x, −y, −z.
        double[][] rows = {x, scaled(y, -1), scaled(z, -1)};
        double[] entries = new double[9];
        double[] t = new double[3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                entries[3 * r + c] = rows[r][c];
            }
            t[r] = -dot(rows[r], centre);
        }
        return new CameraPose(Matrix3.ofRows(entries), new Vector3(t[0], t[1], t[2]));
    }

    private static double[] column(double[] m, int column) {
        return new double[] {m[4 * column], m[4 * column + 1], m[4 * column + 2]};
    }

    private static double[] normalised(double[] v) {
        double length = Math.sqrt(dot(v, v));
        if (!(length > 1e-12) || !Double.isFinite(length)) {
            throw new IllegalArgumentException("the camera's transform collapses an axis");
        }
        return scaled(v, 1 / length);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] scaled(double[] v, double factor) {
        return new double[] {v[0] * factor, v[1] * factor, v[2] * factor};
    }

    private static double[] subtract(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
