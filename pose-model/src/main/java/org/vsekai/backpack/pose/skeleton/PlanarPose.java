package org.vsekai.backpack.pose.skeleton;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.vsekai.backpack.contracts.vision.Keypoint;

/**
 * The single-camera fallback: with one view there is no depth, so no 3D rotation; what the image gives is each
 * bone's angle in the image plane and each joint's bend between its parent bone and its own.
 *
 * @param method      always {@link #METHOD}: says that these are image-plane angles, not 3D rotations
 * @param positions   joints in pixels (z = 0), derived from the COCO points as {@link Joint} says
 * @param boneAngles  per bone, keyed by the joint it ends at: its angle in radians, counter-clockwise from the
 *                    image's +u axis with the image's up (−v) positive, in (−π, π]
 * @param jointAngles the bend at each joint with a bone ending at it and one leaving it (to its first child in
 *                    {@link Joint}'s order: the head for the neck): the leaving bone's angle minus the arriving
 *                    one's, in (−π, π] (0 when straight)
 * @param bones       the bones in pixels
 */
public record PlanarPose(String method, Map<Joint, Vec3> positions, Map<Joint, Double> boneAngles,
                         Map<Joint, Double> jointAngles, List<BoneVector> bones) {

    public static final String METHOD = "single-camera-2d";

    /** From one view's COCO-17 points; points below {@code minScore} count as missing. */
    public static PlanarPose of(List<Keypoint> points, double minScore) {
        List<Vec3> coco = new ArrayList<>(points.size());
        for (Keypoint k : points) {
            coco.add(k.score() >= minScore && Double.isFinite(k.x()) && Double.isFinite(k.y())
                    ? new Vec3(k.x(), k.y(), 0) : null);
        }
        Map<Joint, Vec3> positions = JointPositions.of(coco);
        Map<Joint, Double> boneAngles = new EnumMap<>(Joint.class);
        List<BoneVector> bones = new ArrayList<>();
        for (Joint joint : Joint.values()) {
            Joint parent = joint.parent();
            if (parent == null || !positions.containsKey(parent) || !positions.containsKey(joint)) {
                continue;
            }
            Vec3 d = positions.get(joint).minus(positions.get(parent));
            if (d.unit() == null) {
                continue;
            }
            boneAngles.put(joint, wrapped(Math.atan2(-d.y(), d.x())));
            bones.add(new BoneVector(parent, joint, d.unit(), d.length()));
        }
        Map<Joint, Double> jointAngles = new EnumMap<>(Joint.class);
        for (Joint joint : Joint.values()) {
            // The bone ending at this joint's child, against the bone ending at this joint.
            for (Joint child : Joint.values()) {
                if (child.parent() == joint && boneAngles.containsKey(child) && boneAngles.containsKey(joint)
                        && !jointAngles.containsKey(joint)) {
                    jointAngles.put(joint, wrapped(boneAngles.get(child) - boneAngles.get(joint)));
                }
            }
        }
        return new PlanarPose(METHOD, positions, boneAngles, jointAngles, bones);
    }

    private static double wrapped(double angle) {
        double a = Math.IEEEremainder(angle, 2 * Math.PI);
        return a <= -Math.PI ? a + 2 * Math.PI : a;
    }
}
