package org.vsekai.backpack.pose.triangulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.pose.camera.ProjectiveCamera;
import org.vsekai.backpack.pose.skeleton.Vec3;
import org.vsekai.backpack.pose.synthetic.SyntheticCameras;
import org.vsekai.backpack.pose.synthetic.SyntheticPoses;

/**
 * Known bodies projected through two to four cameras like Cameras.gltf's perspective one (yfov 0.7, 640 × 480, 3 m
 * from the subject), then triangulated back.
 */
class SkeletonTriangulatorTest {

    private static final Vec3 SUBJECT = new Vec3(0.5, 0.5, 0);

    private final SkeletonTriangulator triangulator = new SkeletonTriangulator(0.3, 10);

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void withoutNoiseEveryPointIsRecoveredWithinAMicrometre(int cameras) {
        List<ProjectiveCamera> rig = SyntheticCameras.ring(cameras, SUBJECT, Math.toRadians(200));
        Random random = new Random(cameras);
        for (int trial = 0; trial < 50; trial++) {
            List<Vec3> body = SyntheticPoses.placed(SyntheticPoses.random(random),
                    SyntheticPoses.randomRotation(random, 0.2), 1, SUBJECT);
            Skeleton3d recovered = triangulator.triangulate(Views.of(rig, body, 0, random));
            assertThat(recovered.recovered()).isEqualTo(17);
            for (int i = 0; i < 17; i++) {
                TriangulatedPoint p = recovered.points().get(i);
                Vec3 truth = body.get(i);
                assertThat(p.distanceTo(truth.x(), truth.y(), truth.z())).as("point %d", i).isLessThan(1e-6);
                assertThat(p.reprojectionError()).isLessThan(1e-6);
                assertThat(p.views()).isEqualTo(cameras);
            }
        }
    }

    @Test
    void aPerspectiveAndAnOrthographicCameraTriangulateTogether() {
        ProjectiveCamera front = ProjectiveCamera.of("front", SyntheticCameras.orthographic(
                SUBJECT.plus(new Vec3(0, 0, 3)), SUBJECT));
        ProjectiveCamera side = ProjectiveCamera.of("side", SyntheticCameras.perspective(
                SUBJECT.plus(new Vec3(3, 0.4, 0.5)), SUBJECT));
        Random random = new Random(7);
        List<Vec3> body = SyntheticPoses.placed(SyntheticPoses.random(random), SyntheticPoses.randomRotation(random,
                0.2), 0.6, SUBJECT);
        Skeleton3d recovered = triangulator.triangulate(Views.of(List.of(front, side), body, 0, random));
        for (int i = 0; i < 17; i++) {
            Vec3 truth = body.get(i);
            assertThat(recovered.points().get(i).distanceTo(truth.x(), truth.y(), truth.z())).isLessThan(1e-6);
        }
    }

    /**
     * First-order theory for the least-squares estimate with independent Gaussian noise σ per pixel coordinate:
     * E‖X̂ − X‖² = σ² · tr((JᵀJ)⁻¹) (what {@code errorPerPixel} reports, squared), and the residual's expected sum
     * of squares over N views is σ² (2N − 3), so the mean squared reprojection distance is σ² (2N − 3) / N.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void withNoiseTheErrorGrowsAsTheoryPredicts(int cameras) {
        List<ProjectiveCamera> rig = SyntheticCameras.ring(cameras, SUBJECT, Math.toRadians(200));
        double previous = 0;
        for (double sigma : new double[] {0.5, 1, 2, 4}) {
            Random random = new Random(42);
            double squaredError = 0;
            double predicted = 0;
            double squaredReprojection = 0;
            int n = 0;
            for (int trial = 0; trial < 300; trial++) {
                List<Vec3> body = SyntheticPoses.placed(SyntheticPoses.random(random),
                        SyntheticPoses.randomRotation(random, 0.2), 1, SUBJECT);
                Skeleton3d recovered = triangulator.triangulate(Views.of(rig, body, sigma, random));
                for (int i = 0; i < 17; i++) {
                    TriangulatedPoint p = recovered.points().get(i);
                    Vec3 truth = body.get(i);
                    double e = p.distanceTo(truth.x(), truth.y(), truth.z());
                    squaredError += e * e;
                    predicted += sigma * sigma * p.errorPerPixel() * p.errorPerPixel();
                    squaredReprojection += p.reprojectionError() * p.reprojectionError();
                    n++;
                }
            }
            assertThat(squaredError / predicted).as("measured / predicted 3D error² at σ = %s", sigma)
                    .isCloseTo(1, within(0.12));
            assertThat(squaredReprojection / n / (sigma * sigma))
                    .as("mean squared reprojection / σ² at σ = %s", sigma)
                    .isCloseTo((2.0 * cameras - 3) / cameras, within(0.06));
            double rms = Math.sqrt(squaredError / n);
            if (previous > 0) {
                assertThat(rms / previous).as("doubling σ doubles the error").isCloseTo(2, within(0.2));
            }
            previous = rms;
        }
    }

    @Test
    void aViewBelowTheScoreThresholdIsSkippedAndScoresWeightTheRest() {
        List<ProjectiveCamera> rig = SyntheticCameras.ring(3, SUBJECT, Math.toRadians(180));
        Random random = new Random(3);
        List<Vec3> body = SyntheticPoses.placed(SyntheticPoses.T_POSE, SyntheticPoses.randomRotation(random, 0),
                1, SUBJECT);
        List<CameraView> exact = Views.of(rig, body, 0, random);

        // The third camera puts the nose 40 px off: with score 0.2 (< 0.3) it is skipped, the other two agree.
        List<CameraView> views = new ArrayList<>(exact);
        views.set(2, moved(exact.get(2), 0, 40, 0.2));
        TriangulatedPoint skipped = triangulator.triangulate(views).points().get(0);
        assertThat(skipped.views()).isEqualTo(2);
        assertThat(skipped.distanceTo(body.get(0).x(), body.get(0).y(), body.get(0).z())).isLessThan(1e-6);

        // At score 0.35 it counts, a tenth as much as at 1.0 would make it pull less than at full weight.
        views.set(2, moved(exact.get(2), 0, 40, 0.35));
        TriangulatedPoint weak = triangulator.triangulate(views).points().get(0);
        views.set(2, moved(exact.get(2), 0, 40, 1.0));
        TriangulatedPoint strong = triangulator.triangulate(views).points().get(0);
        assertThat(weak.views()).isEqualTo(3);
        double weakError = weak.distanceTo(body.get(0).x(), body.get(0).y(), body.get(0).z());
        double strongError = strong.distanceTo(body.get(0).x(), body.get(0).y(), body.get(0).z());
        assertThat(weakError).isGreaterThan(1e-4).isLessThan(strongError * 0.7);
        assertThat(weak.maxReprojectionError()).isGreaterThan(weak.reprojectionError());
    }

    @Test
    void onlyOneConfidentViewGivesNoPoint() {
        List<ProjectiveCamera> rig = SyntheticCameras.ring(2, SUBJECT, Math.toRadians(90));
        Random random = new Random(5);
        List<CameraView> views = new ArrayList<>(Views.of(rig, SyntheticPoses.placed(SyntheticPoses.T_POSE,
                SyntheticPoses.randomRotation(random, 0), 1, SUBJECT), 0, random));
        views.set(1, moved(views.get(1), 9, 0, 0.1));
        Skeleton3d skeleton = triangulator.triangulate(views);
        assertThat(skeleton.points().get(9)).isNull();
        assertThat(skeleton.recovered()).isEqualTo(16);
    }

    @Test
    void aPointBehindTheCamerasIsRefused() {
        List<ProjectiveCamera> rig = SyntheticCameras.ring(2, SUBJECT, Math.toRadians(60));
        // The pixels of a point behind both cameras: the linear solution finds it, but no camera could see it.
        Vec3 behind = SUBJECT.plus(new Vec3(0.2, 0.1, 8));
        List<Observation> observations = new ArrayList<>();
        for (ProjectiveCamera camera : rig) {
            double[] pixel = camera.project(behind.x(), behind.y(), behind.z());
            observations.add(new Observation(camera, pixel[0], pixel[1], 1));
        }
        assertThat(new Triangulator(0.3, 5).triangulate(observations)).isEmpty();
    }

    @Test
    void aKeypointSetOfAnotherLayoutIsRefusedAndOneWithout17PointsToo() {
        ProjectiveCamera camera = SyntheticCameras.ring(1, SUBJECT, 0).get(0);
        org.vsekai.backpack.contracts.vision.KeypointSet other = new org.vsekai.backpack.contracts.vision.KeypointSet(
                null, 0.9, List.of(), List.of(), List.of(), "halpe-26");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CameraView.of(camera, other))
                .hasMessageContaining("halpe-26");
        CameraView short1 = CameraView.of(camera, new org.vsekai.backpack.contracts.vision.KeypointSet(null, 0.9,
                List.of(new Keypoint("nose", 1, 2, 0.9)), List.of(), List.of(), "coco-17"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> triangulator.triangulate(List.of(short1, short1)))
                .hasMessageContaining("1 keypoints, not the 17");
    }

    private static CameraView moved(CameraView view, int point, double du, double score) {
        List<Keypoint> points = new ArrayList<>(view.points());
        Keypoint k = points.get(point);
        points.set(point, new Keypoint(k.name(), k.x() + du, k.y(), score));
        return new CameraView(view.camera(), points);
    }
}
