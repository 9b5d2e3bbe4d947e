package org.vsekai.backpack.pose.skeleton;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The pose whose joint rotations are all the identity: its joints' frames and bone directions, from a full
 * COCO-17 body in the rig's model axes (Y up, facing +Z, the body's left on +X, as glTF and VRM humanoids).
 */
public final class RestPose {

    /** A T-pose of a 1.75 m body, hips' midpoint at the origin: arms out along ±X, legs straight down. */
    public static final List<Vec3> T_POSE_POINTS = List.of(
            new Vec3(0, 0.62, 0.10),      // nose
            new Vec3(0.035, 0.66, 0.08),  // left_eye
            new Vec3(-0.035, 0.66, 0.08), // right_eye
            new Vec3(0.075, 0.63, 0),     // left_ear
            new Vec3(-0.075, 0.63, 0),    // right_ear
            new Vec3(0.19, 0.45, 0),      // left_shoulder
            new Vec3(-0.19, 0.45, 0),     // right_shoulder
            new Vec3(0.48, 0.45, 0),      // left_elbow
            new Vec3(-0.48, 0.45, 0),     // right_elbow
            new Vec3(0.74, 0.45, 0),      // left_wrist
            new Vec3(-0.74, 0.45, 0),     // right_wrist
            new Vec3(0.10, 0, 0),         // left_hip
            new Vec3(-0.10, 0, 0),        // right_hip
            new Vec3(0.10, -0.44, 0),     // left_knee
            new Vec3(-0.10, -0.44, 0),    // right_knee
            new Vec3(0.10, -0.86, 0),     // left_ankle
            new Vec3(-0.10, -0.86, 0));   // right_ankle

    public static final RestPose T_POSE = of(T_POSE_POINTS);

    private final Map<Joint, Vec3> positions;
    private final Map<Joint, Quaternion> frames;

    private RestPose(Map<Joint, Vec3> positions, Map<Joint, Quaternion> frames) {
        this.positions = positions;
        this.frames = frames;
    }

    /**
     * @throws IllegalArgumentException when a point is missing or the body is degenerate (a rest pose must give
     *                                  every joint a frame)
     */
    public static RestPose of(List<Vec3> coco) {
        for (Vec3 v : coco) {
            if (v == null) {
                throw new IllegalArgumentException("a rest pose has all 17 points");
            }
        }
        Map<Joint, Vec3> positions = JointPositions.of(coco);
        Map<Joint, Quaternion> frames = new EnumMap<>(Joint.class);
        for (Joint joint : JointFrames.FRAMED) {
            Quaternion frame = JointFrames.frame(joint, positions, coco);
            if (frame == null) {
                throw new IllegalArgumentException("the rest pose gives joint " + joint + " no frame");
            }
            frames.put(joint, frame);
        }
        return new RestPose(positions, frames);
    }

    /** The rest direction of the bone from {@code joint} to its child {@code child}. */
    public Vec3 direction(Joint joint, Joint child) {
        return positions.get(child).minus(positions.get(joint)).unit();
    }

    /** The rest length of that bone. */
    public double length(Joint joint, Joint child) {
        return positions.get(child).distanceTo(positions.get(joint));
    }

    /** A framed joint's rest frame (its axes as a rotation of the model axes). */
    Quaternion frame(Joint joint) {
        return frames.get(joint);
    }

    public Map<Joint, Vec3> positions() {
        return Map.copyOf(positions);
    }
}
