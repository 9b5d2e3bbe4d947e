package org.vsekai.backpack.pose.synthetic;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.CameraCalibration.Projection;
import org.vsekai.backpack.contracts.scene.Matrix3;
import org.vsekai.backpack.contracts.scene.Vector3;
import org.vsekai.backpack.pose.camera.ProjectiveCamera;
import org.vsekai.backpack.pose.skeleton.Vec3;

/**
 * Cameras like the Khronos {@code Cameras.gltf} sample's: its perspective camera (yfov 0.7 rad, aspectRatio 1.0,
 * znear 0.01, zfar 100) or its orthographic one (xmag = ymag = 1), for a 640 × 480 image, with the calibration
 * conventions of {@link CameraCalibration} (K as ingest's {@code SceneCamera.calibrationFor} computes it). The
 * sample puts both at (0.5, 0.5, 3) looking down −Z at the origin; a rig here places copies of the perspective one
 * on a circle of that radius about a subject, looking at it, since two cameras at one point triangulate nothing.
 */
public final class SyntheticCameras {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    public static final double YFOV = 0.7;
    public static final double ASPECT_RATIO = 1.0;

    private SyntheticCameras() {
    }

    /** The sample's perspective camera at {@code centre}, looking at {@code target} with world +Y up. */
    public static CameraCalibration perspective(Vec3 centre, Vec3 target) {
        double fy = HEIGHT / (2 * Math.tan(YFOV / 2));
        double fx = WIDTH / (2 * ASPECT_RATIO * Math.tan(YFOV / 2));
        Matrix3 k = Matrix3.ofRows(fx, 0, WIDTH / 2.0, 0, fy, HEIGHT / 2.0, 0, 0, 1);
        return calibration(Projection.PERSPECTIVE, k, centre, target);
    }

    /** The sample's orthographic camera at {@code centre}, looking at {@code target}. */
    public static CameraCalibration orthographic(Vec3 centre, Vec3 target) {
        Matrix3 k = Matrix3.ofRows(WIDTH / 2.0, 0, WIDTH / 2.0, 0, HEIGHT / 2.0, HEIGHT / 2.0, 0, 0, 1);
        return calibration(Projection.ORTHOGRAPHIC, k, centre, target);
    }

    /**
     * {@code count} perspective cameras about {@code target}: the first at the sample's offset (0, 0, 3) from it,
     * the others turned about the vertical by {@code spread} / (count − 1) each, alternately a little higher and
     * lower (so no two share a plane with the subject's vertical).
     */
    public static List<ProjectiveCamera> ring(int count, Vec3 target, double spread) {
        List<ProjectiveCamera> cameras = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double angle = count == 1 ? 0 : spread * i / (count - 1);
            double height = (i % 2 == 0 ? 0.5 : -0.3);
            Vec3 centre = target.plus(new Vec3(3 * Math.sin(angle), height, 3 * Math.cos(angle)));
            cameras.add(ProjectiveCamera.of("camera-" + i, perspective(centre, target)));
        }
        return cameras;
    }

    private static CameraCalibration calibration(Projection projection, Matrix3 k, Vec3 centre, Vec3 target) {
        // Vision frame: z forward (towards the target), x right = forward × up, y down = z × x.
        Vec3 z = target.minus(centre).unit();
        Vec3 x = z.cross(Vec3.Y).unit();
        Vec3 y = z.cross(x);
        Matrix3 r = Matrix3.ofRows(x.x(), x.y(), x.z(), y.x(), y.y(), y.z(), z.x(), z.y(), z.z());
        Vector3 t = new Vector3(-x.dot(centre), -y.dot(centre), -z.dot(centre));
        boolean perspective = projection == Projection.PERSPECTIVE;
        return new CameraCalibration(projection, perspective ? YFOV : null, perspective ? ASPECT_RATIO : null,
                perspective ? null : 1.0, perspective ? null : 1.0, 0.01, 100.0, WIDTH, HEIGHT, k, r, t);
    }
}
