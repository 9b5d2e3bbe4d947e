package org.vsekai.backpack.pose.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.CameraCalibration.Projection;
import org.vsekai.backpack.contracts.scene.Matrix3;
import org.vsekai.backpack.contracts.scene.Vector3;

/** P from a calibration, against the pixels ingest's GltfCamerasTest works out by hand for Cameras.gltf. */
class ProjectiveCameraTest {

    private static final Matrix3 R = Matrix3.ofRows(1, 0, 0, 0, -1, 0, 0, 0, -1);
    private static final Vector3 T = new Vector3(-0.5, 0.5, 3);

    @Test
    void thePerspectiveCameraOfTheSampleProjectsAsWorkedOutByHand() {
        CameraCalibration calibration = new CameraCalibration(Projection.PERSPECTIVE, 0.7, 1.0, null, null, 0.01,
                100.0, 640, 480, Matrix3.ofRows(876.6438909068107, 0, 320, 0, 657.482918180108, 240, 0, 0, 1), R, T);
        ProjectiveCamera camera = ProjectiveCamera.of("node-1", calibration);
        double[] pixel = camera.project(1, 1, 0);
        assertThat(pixel[0]).isEqualTo(466.10731515113514, within(1e-9));
        assertThat(pixel[1]).isEqualTo(130.41951363664867, within(1e-9));
        assertThat(camera.depth(1, 1, 0)).isEqualTo(3, within(1e-12));
        assertThat(camera.sees(0.5, 0.5, 4)).isFalse();
        assertThat(camera.perspective()).isTrue();
    }

    @Test
    void theOrthographicCameraDoesNotDivideByDepth() {
        CameraCalibration calibration = new CameraCalibration(Projection.ORTHOGRAPHIC, null, null, 1.0, 1.0, 0.01,
                100.0, 640, 480, Matrix3.ofRows(320, 0, 320, 0, 240, 240, 0, 0, 1), R, T);
        ProjectiveCamera camera = ProjectiveCamera.of("node-2", calibration);
        // X_cam = (0.5, −0.5, d) whatever the depth: u = 320 + 320 · 0.5, v = 240 − 240 · 0.5.
        assertThat(camera.project(1, 1, 0)).containsExactly(new double[] {480, 120}, within(1e-12));
        assertThat(camera.project(1, 1, -50)).containsExactly(new double[] {480, 120}, within(1e-12));
        assertThat(camera.sees(0.5, 0.5, 4)).isTrue();
    }

    @Test
    void aCalibrationWithoutImageSizeOrPoseIsRefused() {
        CameraCalibration noSize = new CameraCalibration(Projection.PERSPECTIVE, 0.7, 1.0, null, null, 0.01, 100.0);
        assertThatThrownBy(() -> ProjectiveCamera.of("c", noSize)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intrinsics");
    }
}
