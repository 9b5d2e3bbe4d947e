package org.vsekai.backpack.pose.skeleton;

/**
 * The joints of the kinematic chain, a tree rooted at the hips: hips → spine → neck → head; neck → shoulders →
 * elbows → wrists; hips → hips' sides → knees → ankles. Each names the humanoid bone it drives (Godot's
 * {@code SkeletonProfileHumanoid} and VRM names): a joint's rotation turns the bone that starts at it.
 *
 * <p>COCO-17 has no pelvis, spine or neck point; they are derived: hips = midpoint of the two hip points, neck =
 * midpoint of the shoulders, spine = midpoint of hips and neck (the middle of the torso), head = midpoint of the
 * ears, or the nose when an ear is missing.
 */
public enum Joint {
    HIPS(null, "Hips"),
    SPINE(HIPS, "Spine"),
    NECK(SPINE, "Neck"),
    HEAD(NECK, "Head"),
    LEFT_SHOULDER(NECK, "LeftUpperArm"),
    LEFT_ELBOW(LEFT_SHOULDER, "LeftLowerArm"),
    LEFT_WRIST(LEFT_ELBOW, "LeftHand"),
    RIGHT_SHOULDER(NECK, "RightUpperArm"),
    RIGHT_ELBOW(RIGHT_SHOULDER, "RightLowerArm"),
    RIGHT_WRIST(RIGHT_ELBOW, "RightHand"),
    LEFT_HIP(HIPS, "LeftUpperLeg"),
    LEFT_KNEE(LEFT_HIP, "LeftLowerLeg"),
    LEFT_ANKLE(LEFT_KNEE, "LeftFoot"),
    RIGHT_HIP(HIPS, "RightUpperLeg"),
    RIGHT_KNEE(RIGHT_HIP, "RightLowerLeg"),
    RIGHT_ANKLE(RIGHT_KNEE, "RightFoot");

    private final Joint parent;
    private final String humanoidBone;

    Joint(Joint parent, String humanoidBone) {
        this.parent = parent;
        this.humanoidBone = humanoidBone;
    }

    /** The parent joint; null for the root. Declared before its children, so {@code values()} walks root first. */
    public Joint parent() {
        return parent;
    }

    public String humanoidBone() {
        return humanoidBone;
    }
}
