package org.vsekai.backpack.pose.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.vsekai.backpack.pose.skeleton.Coco17;
import org.vsekai.backpack.pose.skeleton.Quaternion;
import org.vsekai.backpack.pose.skeleton.RestPose;
import org.vsekai.backpack.pose.skeleton.Vec3;

/**
 * Plausible COCO-17 bodies in metres, Y up, facing +Z (the body's left on +X) before they are turned: a T-pose,
 * and random poses made from it by turning limbs about their joints, leaning the torso and turning the whole body.
 * For tests and the bench; a fixed seed gives the same bodies.
 */
public final class SyntheticPoses {

    /** The T-pose of a 1.75 m body standing with its hips' midpoint at the origin. */
    public static final List<Vec3> T_POSE = RestPose.T_POSE_POINTS;

    private static final int[][] ARMS = {
        {Coco17.LEFT_SHOULDER, Coco17.LEFT_ELBOW, Coco17.LEFT_WRIST},
        {Coco17.RIGHT_SHOULDER, Coco17.RIGHT_ELBOW, Coco17.RIGHT_WRIST}};
    private static final int[][] LEGS = {
        {Coco17.LEFT_HIP, Coco17.LEFT_KNEE, Coco17.LEFT_ANKLE},
        {Coco17.RIGHT_HIP, Coco17.RIGHT_KNEE, Coco17.RIGHT_ANKLE}};
    private static final int[] HEAD = {0, 1, 2, 3, 4};

    private SyntheticPoses() {
    }

    /** A random body in its own frame (hips' midpoint at the origin, facing +Z before its random turn). */
    public static List<Vec3> random(Random random) {
        List<Vec3> p = new ArrayList<>(T_POSE);
        for (int[] arm : ARMS) {
            rotate(p, arm[0], new int[] {arm[1], arm[2]}, randomRotation(random, 1.4));
            rotate(p, arm[1], new int[] {arm[2]}, randomRotation(random, 1.2));
        }
        for (int[] leg : LEGS) {
            rotate(p, leg[0], new int[] {leg[1], leg[2]}, randomRotation(random, 0.7));
            // A knee bends one way, about the body's left–right axis.
            rotate(p, leg[1], new int[] {leg[2]}, Quaternion.ofAxisAngle(Vec3.X, random.nextDouble() * 1.6));
        }
        Vec3 neck = p.get(Coco17.LEFT_SHOULDER).midpoint(p.get(Coco17.RIGHT_SHOULDER));
        rotateAbout(p, neck, HEAD, randomRotation(random, 0.5));
        int[] upper = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        rotateAbout(p, Vec3.ZERO, upper, randomRotation(random, 0.35));
        Quaternion facing = Quaternion.ofAxisAngle(Vec3.Y, random.nextDouble() * 2 * Math.PI);
        for (int i = 0; i < p.size(); i++) {
            p.set(i, facing.rotate(p.get(i)));
        }
        return p;
    }

    /** A rotation about a random axis by an angle uniform in [0, maxAngle). */
    public static Quaternion randomRotation(Random random, double maxAngle) {
        Vec3 axis;
        do {
            axis = new Vec3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()).unit();
        } while (axis == null);
        return Quaternion.ofAxisAngle(axis, random.nextDouble() * maxAngle);
    }

    /** The body moved: every point turned by {@code rotation}, scaled, then shifted. */
    public static List<Vec3> placed(List<Vec3> body, Quaternion rotation, double scale, Vec3 offset) {
        List<Vec3> placed = new ArrayList<>(body.size());
        for (Vec3 v : body) {
            placed.add(rotation.rotate(v).times(scale).plus(offset));
        }
        return placed;
    }

    private static void rotate(List<Vec3> p, int joint, int[] moved, Quaternion q) {
        rotateAbout(p, p.get(joint), moved, q);
    }

    private static void rotateAbout(List<Vec3> p, Vec3 centre, int[] moved, Quaternion q) {
        for (int i : moved) {
            p.set(i, q.rotate(p.get(i).minus(centre)).plus(centre));
        }
    }
}
