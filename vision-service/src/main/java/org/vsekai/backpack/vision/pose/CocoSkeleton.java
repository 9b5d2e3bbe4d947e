package org.vsekai.backpack.vision.pose;

import java.util.List;

import org.vsekai.backpack.contracts.vision.Bone;

/**
 * The COCO-17 keypoint layout that YOLO-NAS-Pose and YOLOv8-pose predict, and its kinematic chain: a tree rooted at
 * the left hip (COCO has no pelvis point), every edge parent to child, each parent listed before its children, so a
 * consumer can walk it once from the root to pose an avatar.
 */
public final class CocoSkeleton {

    public static final String NAME = "coco-17";

    public static final List<String> POINTS = List.of("nose", "left_eye", "right_eye", "left_ear", "right_ear",
            "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip",
            "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle");

    public static final List<Bone> CHAIN = List.of(
            new Bone(11, 12), new Bone(11, 5), new Bone(12, 6), new Bone(11, 13), new Bone(12, 14),
            new Bone(5, 7), new Bone(6, 8), new Bone(5, 0), new Bone(13, 15), new Bone(14, 16),
            new Bone(7, 9), new Bone(8, 10), new Bone(0, 1), new Bone(0, 2), new Bone(1, 3), new Bone(2, 4));

    private CocoSkeleton() {
    }
}
