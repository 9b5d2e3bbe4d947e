package org.vsekai.backpack.pose.skeleton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.vision.Keypoint;

class PlanarPoseTest {

    @Test
    void oneViewGivesImagePlaneAnglesAndSaysSo() {
        // The T-pose seen from the front, 200 px per metre, hips at (320, 300): v grows down.
        List<Keypoint> points = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            Vec3 p = RestPose.T_POSE_POINTS.get(i);
            points.add(new Keypoint(Coco17.POINTS.get(i), 320 - 200 * p.x(), 300 - 200 * p.y(), 0.9));
        }
        // Raise the left forearm 90°: from the elbow, straight up in the image.
        Keypoint elbow = points.get(Coco17.LEFT_ELBOW);
        points.set(Coco17.LEFT_WRIST, new Keypoint("left_wrist", elbow.x(), elbow.y() - 52, 0.9));
        points.set(Coco17.RIGHT_ANKLE, new Keypoint("right_ankle", 0, 0, 0.1)); // below the threshold

        PlanarPose pose = PlanarPose.of(points, 0.3);
        assertThat(pose.method()).isEqualTo("single-camera-2d");
        // The body's left is the image's left (−u) when it faces the camera.
        assertThat(pose.boneAngles().get(Joint.LEFT_ELBOW)).isCloseTo(Math.PI, within(1e-12));
        assertThat(pose.boneAngles().get(Joint.LEFT_WRIST)).isCloseTo(Math.PI / 2, within(1e-12));
        assertThat(pose.jointAngles().get(Joint.LEFT_ELBOW)).isCloseTo(-Math.PI / 2, within(1e-12));
        assertThat(pose.jointAngles().get(Joint.RIGHT_ELBOW)).isCloseTo(0, within(1e-12));
        assertThat(pose.boneAngles().get(Joint.SPINE)).isCloseTo(Math.PI / 2, within(1e-12));
        assertThat(pose.positions()).doesNotContainKey(Joint.RIGHT_ANKLE);
        assertThat(pose.jointAngles()).doesNotContainKey(Joint.RIGHT_KNEE);
    }
}
