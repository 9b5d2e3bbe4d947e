package org.vsekai.backpack.pose.skeleton;

import java.util.List;

/** The COCO-17 keypoint layout of the vision-service's pose models ({@code vision.pose.CocoSkeleton}). */
public final class Coco17 {

    public static final String NAME = "coco-17";
    public static final int SIZE = 17;

    public static final int NOSE = 0;
    public static final int LEFT_EAR = 3;
    public static final int RIGHT_EAR = 4;
    public static final int LEFT_SHOULDER = 5;
    public static final int RIGHT_SHOULDER = 6;
    public static final int LEFT_ELBOW = 7;
    public static final int RIGHT_ELBOW = 8;
    public static final int LEFT_WRIST = 9;
    public static final int RIGHT_WRIST = 10;
    public static final int LEFT_HIP = 11;
    public static final int RIGHT_HIP = 12;
    public static final int LEFT_KNEE = 13;
    public static final int RIGHT_KNEE = 14;
    public static final int LEFT_ANKLE = 15;
    public static final int RIGHT_ANKLE = 16;

    public static final List<String> POINTS = List.of("nose", "left_eye", "right_eye", "left_ear", "right_ear",
            "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip",
            "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle");

    private Coco17() {
    }
}
