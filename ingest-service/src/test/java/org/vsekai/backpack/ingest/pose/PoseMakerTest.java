package org.vsekai.backpack.ingest.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.FrameFormat;
import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.contracts.vision.KeypointSet;
import org.vsekai.backpack.contracts.vision.Keypoints;
import org.vsekai.backpack.ingest.camera.SceneCamera;
import org.vsekai.backpack.ingest.fixtures.RingScene;
import org.vsekai.backpack.ingest.frame.Frame;
import org.vsekai.backpack.pose.camera.ProjectiveCamera;
import org.vsekai.backpack.pose.skeleton.Coco17;
import org.vsekai.backpack.pose.skeleton.Vec3;
import org.vsekai.backpack.pose.vector.PoseVectors;

/**
 * The rows a keypoints event makes: 2D poses per body, and an instant's 3D pose from the ring scene's calibrated
 * cameras (the service's own glTF reader and calibrations), recovered to a micrometre from exact projections.
 */
class PoseMakerTest {

    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
    private static final UUID SCENE = UUID.randomUUID();

    private final PoseMaker maker = new PoseMaker(config(Duration.ofMillis(50)));
    private final List<SceneCamera> cameras = RingScene.cameras(RingScene.glb());
    private final List<Vec3> body = RingScene.body(new Random(22));

    @Test
    void eachBodyWithHipsIsA2dPoseWithTheSameIdForTheSameEvent() {
        Frame frame = frame(0, T);
        KeypointSet seen = seen(0, body);
        List<Keypoint> hipless = new ArrayList<>(seen.points());
        hipless.set(Coco17.LEFT_HIP, new Keypoint("left_hip", 1, 1, 0.1));
        KeypointSet noRoot = new KeypointSet(seen.box(), 0.5, hipless, List.of(), List.of());
        KeypointSet tooFew = new KeypointSet(seen.box(), 0.5, seen.points().subList(0, 5), List.of(), List.of());
        Keypoints event = keypoints(frame, List.of(seen, noRoot, tooFew, seen));

        List<PoseRow> rows = maker.planar(event, frame, T);
        assertThat(rows).extracting(PoseRow::person).containsExactly(0, 3);
        assertThat(rows).extracting(PoseRow::method).containsOnly(PoseMethod.SINGLE_CAMERA_2D);
        assertThat(rows.get(0).poseId()).isNotEqualTo(rows.get(1).poseId())
                .isEqualTo(maker.planar(event, frame, T.plusSeconds(5)).get(0).poseId());
        PoseRow row = rows.get(0);
        assertThat(row.frameIds()).containsExactly(frame.frameId());
        assertThat(row.points().get(Coco17.NOSE)).containsExactly(seen.points().get(0).x(), seen.points().get(0).y(),
                0.9);
        assertThat(norm(row.vector())).isCloseTo(1, within(1e-6));
        assertThat(row.invariant()).hasSize(PoseVectors.DIMENSIONS);
        // Image rows grow down, the vector's y up: the nose, above the hips in the frame, is positive.
        assertThat(row.vector()[1]).isPositive();
        // The query form of the same points is the same vector.
        List<double[]> xy = seen.points().stream().map(k -> new double[] {k.x(), k.y()}).toList();
        assertThat(PoseMaker.planarVector(xy, false)).containsExactly(row.vector());
    }

    @Test
    void twoOrThreeCalibratedCamerasOfOneInstantTriangulateTheBodyToAMicrometre() {
        List<PoseMaker.View> views = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Frame frame = frame(c, T.plusMillis(10L * c));
            views.add(new PoseMaker.View(frame, maker.planar(keypoints(frame, List.of(seen(c, body))), frame, T)
                    .get(0)));
            if (c == 0) {
                assertThat(maker.triangulated(frame.frameId(), views, T)).as("one camera").isEmpty();
                continue;
            }
            PoseRow pose = maker.triangulated(frame.frameId(), views, T).orElseThrow();
            assertThat(pose.method()).isEqualTo(PoseMethod.TRIANGULATED_3D);
            assertThat(pose.frameIds()).hasSize(c + 1);
            assertThat(pose.capturedAt()).isEqualTo(T);
            assertThat(pose.reprojectionError()).isLessThan(1e-6);
            for (int i = 0; i < Coco17.SIZE; i++) {
                double[] p = pose.points().get(i);
                Vec3 truth = body.get(i);
                assertThat(Math.sqrt(square(p[0] - truth.x()) + square(p[1] - truth.y()) + square(p[2] - truth.z())))
                        .as("%d cameras, point %d", c + 1, i).isLessThan(1e-6);
            }
            assertThat(PoseMaker.spatialVector(pose.points(), false)).containsExactly(pose.vector());
        }
        PoseRow two = maker.triangulated(views.get(1).frame().frameId(), views.subList(0, 2), T).orElseThrow();
        PoseRow three = maker.triangulated(views.get(2).frame().frameId(), views, T).orElseThrow();
        assertThat(PoseMaker.supersededBy(two, three)).isTrue();
        assertThat(PoseMaker.supersededBy(three, two)).isFalse();
        assertThat(PoseMaker.supersededBy(three, three)).isFalse();
        List<PoseMaker.View> reversed = new ArrayList<>(views);
        java.util.Collections.reverse(reversed);
        assertThat(maker.triangulated(views.get(0).frame().frameId(), reversed, T).orElseThrow().poseId())
                .as("the same frames in another order").isEqualTo(three.poseId());
    }

    @Test
    void framesOutsideTheWindowOfOneCameraOrWithoutCalibrationAreNotOneInstant() {
        Frame first = frame(0, T);
        Frame late = frame(1, T.plusMillis(51));
        Frame sameCamera = frame(0, T.plusMillis(5));
        Frame uncalibrated = new Frame(UUID.randomUUID(), SCENE, "9", "ada", "blob:sha256:" + "0".repeat(64),
                FrameFormat.PNG, 640, 480, new CameraCalibration(CameraCalibration.Projection.PERSPECTIVE, 0.8, null,
                null, null, 0.1, null, null, null, null, null, null), T.plusMillis(1), T, null);
        PoseMaker.View firstView = view(first, 0);
        PoseMaker.View lateView = view(late, 1);

        assertThat(maker.triangulated(first.frameId(), List.of(firstView, lateView), T)).as("51 ms apart").isEmpty();
        assertThat(maker.triangulated(late.frameId(), List.of(firstView, lateView), T)).isEmpty();
        assertThat(maker.triangulated(first.frameId(), List.of(firstView, view(sameCamera, 0)), T))
                .as("one camera twice").isEmpty();
        assertThat(maker.triangulated(first.frameId(), List.of(firstView,
                new PoseMaker.View(uncalibrated, firstView.pose())), T)).as("no intrinsics, no pose").isEmpty();
        // A wider window takes the late frame in.
        assertThat(new PoseMaker(config(Duration.ofMillis(60))).triangulated(first.frameId(),
                List.of(firstView, lateView), T)).isPresent();
    }

    private PoseMaker.View view(Frame frame, int camera) {
        return new PoseMaker.View(frame, maker.planar(keypoints(frame, List.of(seen(camera, body))), frame, T).get(0));
    }

    private Frame frame(int camera, Instant capturedAt) {
        SceneCamera scene = cameras.get(camera);
        return new Frame(UUID.randomUUID(), SCENE, scene.id(), "ada", "blob:sha256:" + "0".repeat(64),
                FrameFormat.PNG, RingScene.WIDTH, RingScene.HEIGHT,
                scene.calibrationFor(RingScene.WIDTH, RingScene.HEIGHT), capturedAt, capturedAt, null);
    }

    private KeypointSet seen(int camera, List<Vec3> points) {
        SceneCamera scene = cameras.get(camera);
        return RingScene.seen(ProjectiveCamera.of(scene.id(), scene.calibrationFor(RingScene.WIDTH,
                RingScene.HEIGHT)), points);
    }

    private static Keypoints keypoints(Frame frame, List<KeypointSet> sets) {
        return new Keypoints(1, UUID.randomUUID(), frame.sceneId(), frame.frameId(), "yolo-nas-pose", "1", sets,
                frame.camera(), frame.width(), frame.height(), frame.capturedAt(), null);
    }

    static PoseConfig config(Duration window) {
        return new PoseConfig() {
            @Override
            public Duration window() {
                return window;
            }

            @Override
            public double minScore() {
                return 0.3;
            }

            @Override
            public int iterations() {
                return 10;
            }

            @Override
            public int exactBelow() {
                return 10_000;
            }

            @Override
            public int maxResults() {
                return 100;
            }

            @Override
            public Duration refresh() {
                return Duration.ofSeconds(1);
            }
        };
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    private static double square(double v) {
        return v * v;
    }
}
