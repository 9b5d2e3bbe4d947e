package org.vsekai.backpack.ingest.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vsekai.backpack.ingest.fixtures.CalibrationAssertions.assertMatrix;
import static org.vsekai.backpack.ingest.fixtures.CalibrationAssertions.assertVector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.CameraCalibration.Projection;
import org.vsekai.backpack.contracts.scene.Matrix3;
import org.vsekai.backpack.contracts.scene.Vector3;
import org.vsekai.backpack.ingest.fixtures.SceneFixtures;
import org.vsekai.backpack.ingest.format.ReadLimits;
import org.vsekai.backpack.ingest.gltf.GltfDocument;
import org.vsekai.backpack.ingest.gltf.GltfFiles;

import de.javagl.jgltf.impl.v2.GlTF;
import de.javagl.jgltf.impl.v2.Node;

/**
 * Calibrations against values worked out by hand: K for an image size, and R, t world → camera (x right, y down,
 * z forward), from glTF cameras that look down their node's −Z with +Y up.
 */
class GltfCamerasTest {

    private static final Offset<Double> EXACT = within(1e-9);
    private static final Offset<Double> PIXEL = within(1e-6);

    @TempDir
    Path dir;

    @Test
    void theKhronosCamerasSample() throws IOException {
        GltfDocument document = new GltfFiles(ReadLimits.defaults())
                .readGltf(SceneFixtures.sharedData("gltf/Cameras.gltf"));
        List<SceneCamera> cameras = GltfCameras.of(document);
        assertThat(cameras).extracting(SceneCamera::id).containsExactly("1", "2");

        // Node 1: camera 0, perspective yfov 0.7, aspectRatio 1.0, znear 0.01, zfar 100, at (0.5, 0.5, 3), no
        // rotation: it looks down world −Z. The vision frame turns y and z: R = diag(1, −1, −1), and
        // t = −R·c = −(0.5, −0.5, −3) = (−0.5, 0.5, 3).
        CameraCalibration perspective = cameras.get(0).calibrationFor(640, 480);
        assertThat(perspective.projection()).isEqualTo(Projection.PERSPECTIVE);
        assertThat(perspective.yfov()).isEqualTo(0.7, EXACT);
        assertThat(perspective.aspectRatio()).isEqualTo(1.0, EXACT);
        assertThat(perspective.znear()).isEqualTo(0.01, EXACT);
        assertThat(perspective.zfar()).isEqualTo(100.0, EXACT);
        assertMatrix(perspective.rotation(), 1, 0, 0, 0, -1, 0, 0, 0, -1);
        assertVector(perspective.translation(), -0.5, 0.5, 3);
        // tan(0.35) = 0.3650284948304245: f_y = 480 / (2 · 0.36502849) = 657.482918180108, and with
        // aspectRatio 1.0 on a 640-wide image f_x = 640 / (2 · 1.0 · 0.36502849) = 876.6438909068107.
        assertMatrix(perspective.intrinsics(), 876.6438909068107, 0, 320, 0, 657.482918180108, 240, 0, 0, 1);
        assertThat(perspective.imageWidth()).isEqualTo(640);
        assertThat(perspective.imageHeight()).isEqualTo(480);

        // The mesh's corner (1, 1, 0) is 0.5 right, 0.5 up and 3 ahead of the camera: X_cam = (0.5, −0.5, 3),
        // so u = 320 + 876.64389 · 0.5 / 3 = 466.1073151511, v = 240 − 657.48292 · 0.5 / 3 = 130.4195136366.
        double[] pixel = project(perspective, 1, 1, 0);
        assertThat(pixel[0]).isEqualTo(466.10731515113514, PIXEL);
        assertThat(pixel[1]).isEqualTo(130.41951363664867, PIXEL);
        // The point straight ahead lands on the principal point.
        assertThat(project(perspective, 0.5, 0.5, -10)).containsExactly(new double[] {320, 240}, within(1e-9));

        // Node 2: camera 1, orthographic xmag = ymag = 1 at the same place: f_x = 640 / 2, f_y = 480 / 2.
        CameraCalibration orthographic = cameras.get(1).calibrationFor(640, 480);
        assertThat(orthographic.projection()).isEqualTo(Projection.ORTHOGRAPHIC);
        assertThat(orthographic.yfov()).isNull();
        assertMatrix(orthographic.intrinsics(), 320, 0, 320, 0, 240, 240, 0, 0, 1);
        assertVector(orthographic.translation(), -0.5, 0.5, 3);
    }

    @Test
    void aCameraBelowARotatedScaledParentTakesItsPlaceButNotItsScale() throws IOException {
        GlTF gltf = SceneFixtures.xmpScene();
        // Node 0: translation (10, 0, 0), a quarter turn about +Y, scale 3. Node 1 (the camera): matrix that
        // moves it 2 up. World position: (10, 0, 0) + R_y(90°) · 3 · (0, 2, 0) = (10, 6, 0).
        Node parent = gltf.getNodes().get(0);
        parent.setTranslation(new float[] {10, 0, 0});
        parent.setRotation(new float[] {0, 0.70710677f, 0, 0.70710677f});
        parent.setScale(new float[] {3, 3, 3});
        Node camera = gltf.getNodes().get(1);
        camera.setTranslation(null);
        camera.setMatrix(new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 2, 0, 1});
        Path file = Files.write(dir.resolve("nested.glb"), SceneFixtures.glb(gltf, SceneFixtures.triangle()));

        SceneCamera placed = GltfCameras.of(new GltfFiles(ReadLimits.defaults()).readGlb(file)).get(0);
        assertThat(placed.id()).isEqualTo("1");
        assertThat(placed.name()).isEqualTo("Eye");

        // R_y(90°) takes the lens's x axis to world (0, 0, −1), y stays (0, 1, 0), and z to (1, 0, 0): the camera
        // looks down world −X. Rows of R: x, −y, −z = (0, 0, −1), (0, −1, 0), (−1, 0, 0); scale is dropped.
        // t = −R·c = −(0, −6, −10) = (0, 6, 10).
        CameraCalibration calibration = placed.calibrationFor(1920, 1080);
        assertMatrix(calibration.rotation(), 0, 0, -1, 0, -1, 0, -1, 0, 0);
        assertVector(calibration.translation(), 0, 6, 10);
        // yfov 0.8 without an aspect ratio: square pixels, f = 540 / tan(0.4) = 1281.2987.
        double f = 540 / 0.4227932187381618; // tan(0.4)
        assertMatrix(calibration.intrinsics(), f, 0, 960, 0, f, 540, 0, 0, 1);
        // A point 5 ahead of it, (5, 6, 0), is at depth 5 on the optical axis.
        assertThat(project(calibration, 5, 6, 0)).containsExactly(new double[] {960, 540}, within(1e-6));
    }

    @Test
    void withoutAnImageSizeTheCalibrationHasThePoseAndNoIntrinsics() throws IOException {
        GltfDocument document = new GltfFiles(ReadLimits.defaults())
                .readGltf(SceneFixtures.sharedData("gltf/Cameras.gltf"));
        CameraCalibration calibration = GltfCameras.of(document).get(0).calibration();
        assertThat(calibration.intrinsics()).isNull();
        assertThat(calibration.imageWidth()).isNull();
        assertVector(calibration.translation(), -0.5, 0.5, 3);
    }

    static double[] project(CameraCalibration calibration, double x, double y, double z) {
        Matrix3 r = calibration.rotation();
        Vector3 t = calibration.translation();
        double[] world = {x, y, z};
        double[] cam = new double[3];
        for (int row = 0; row < 3; row++) {
            cam[row] = r.get(row, 0) * world[0] + r.get(row, 1) * world[1] + r.get(row, 2) * world[2];
        }
        cam[0] += t.x();
        cam[1] += t.y();
        cam[2] += t.z();
        Matrix3 k = calibration.intrinsics();
        return new double[] {k.get(0, 0) * cam[0] / cam[2] + k.get(0, 2), k.get(1, 1) * cam[1] / cam[2] + k.get(1, 2)};
    }
}
