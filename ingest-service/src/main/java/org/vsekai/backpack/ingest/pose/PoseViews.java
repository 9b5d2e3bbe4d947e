package org.vsekai.backpack.ingest.pose;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.pose.ScenePose;
import org.vsekai.backpack.contracts.vision.Keypoint;
import org.vsekai.backpack.pose.skeleton.Joint;
import org.vsekai.backpack.pose.skeleton.KinematicChain;
import org.vsekai.backpack.pose.skeleton.KinematicPose;
import org.vsekai.backpack.pose.skeleton.PlanarPose;
import org.vsekai.backpack.pose.skeleton.Quaternion;
import org.vsekai.backpack.pose.skeleton.RestPose;
import org.vsekai.backpack.pose.skeleton.Vec3;

/**
 * A stored pose as clients take it ({@code GET /scenes/{id}/poses}, the avatar stream): a 3D pose with each joint's
 * rotation from the T-pose, keyed by humanoid bone; a 2D pose with its bones' angles in the image.
 */
@ApplicationScoped
public class PoseViews {

    private final PoseConfig config;
    private final KinematicChain chain = new KinematicChain(RestPose.T_POSE);

    public PoseViews(PoseConfig config) {
        this.config = config;
    }

    public ScenePose of(PoseRow row) {
        if (row.method() == PoseMethod.TRIANGULATED_3D) {
            List<Vec3> positions = row.points().stream().map(p -> p == null ? null : Vec3.of(p)).toList();
            KinematicPose pose = chain.solve(positions);
            return new ScenePose(row.poseId(), row.method().column(), row.frameIds(), row.person(), row.score(),
                    row.capturedAt(), row.points(), row.reprojectionError(), byBone(pose.localRotations()),
                    byBone(pose.globalRotations()), null);
        }
        List<Keypoint> keypoints = row.points().stream().map(p -> p == null
                ? new Keypoint("", Double.NaN, Double.NaN, 0) : new Keypoint("", p[0], p[1], p[2])).toList();
        Map<String, Double> angles = new LinkedHashMap<>();
        PlanarPose.of(keypoints, config.minScore()).boneAngles().forEach((joint, angle) -> angles.put(joint.name(),
                angle));
        return new ScenePose(row.poseId(), row.method().column(), row.frameIds(), row.person(), row.score(),
                row.capturedAt(), row.points(), null, null, null, angles);
    }

    /** Rotations as {@code [x, y, z, w]} keyed by the humanoid bone each turns, root first. */
    private static Map<String, double[]> byBone(Map<Joint, Quaternion> rotations) {
        Map<String, double[]> byBone = new LinkedHashMap<>();
        for (Map.Entry<Joint, Quaternion> rotation : new EnumMap<>(rotations).entrySet()) {
            Quaternion q = rotation.getValue();
            byBone.put(rotation.getKey().humanoidBone(), new double[] {q.x(), q.y(), q.z(), q.w()});
        }
        return byBone;
    }
}
