package org.vsekai.backpack.pose.vector;

import java.util.List;
import java.util.Map;

import org.vsekai.backpack.pose.skeleton.Coco17;
import org.vsekai.backpack.pose.skeleton.Joint;
import org.vsekai.backpack.pose.skeleton.JointPositions;
import org.vsekai.backpack.pose.skeleton.Quaternion;
import org.vsekai.backpack.pose.skeleton.Vec3;

/**
 * A 3D pose as a vector for nearest-neighbour search: the 17 COCO points relative to the hips' midpoint (the
 * root), 51 floats, scaled to unit length. Root-relative and unit length, it does not change when the body moves
 * or is bigger; the dot product of two is their cosine similarity. A missing point is (0, 0, 0) and does not count
 * in the length.
 *
 * <p>The rotation-invariant variant first expresses the points in the body's own frame (y up the torso, hips → neck;
 * x along the hip line, orthogonalised; z forward), so the same pose facing any way, or lying down, is the same
 * vector; it tells apart what the body does, not where it faces.
 */
public final class PoseVectors {

    public static final int DIMENSIONS = 3 * Coco17.SIZE;

    private PoseVectors() {
    }

    /** The root-relative, unit-length vector; null without both hips (no root) or with all points at the root. */
    public static float[] rootRelative(List<Vec3> coco) {
        Vec3 root = root(coco);
        return root == null ? null : vector(coco, root, Quaternion.IDENTITY);
    }

    /** The same in the body's frame; null when the hips, the shoulders or the torso's direction are missing. */
    public static float[] rotationInvariant(List<Vec3> coco) {
        Vec3 root = root(coco);
        if (root == null) {
            return null;
        }
        Map<Joint, Vec3> joints = JointPositions.of(coco);
        Vec3 neck = joints.get(Joint.NECK);
        if (neck == null) {
            return null;
        }
        Vec3 y = neck.minus(root).unit();
        Vec3 side = coco.get(Coco17.LEFT_HIP).minus(coco.get(Coco17.RIGHT_HIP));
        if (y == null) {
            return null;
        }
        Vec3 x = side.minus(y.times(side.dot(y))).unit();
        if (x == null) {
            return null;
        }
        Quaternion body = Quaternion.ofAxes(x, y, x.cross(y));
        return vector(coco, root, body.inverse());
    }

    private static Vec3 root(List<Vec3> coco) {
        if (coco.size() != Coco17.SIZE) {
            throw new IllegalArgumentException("COCO-17 has 17 points, not " + coco.size());
        }
        Vec3 left = coco.get(Coco17.LEFT_HIP);
        Vec3 right = coco.get(Coco17.RIGHT_HIP);
        return left == null || right == null ? null : left.midpoint(right);
    }

    private static float[] vector(List<Vec3> coco, Vec3 root, Quaternion turn) {
        double[] v = new double[DIMENSIONS];
        double sum = 0;
        for (int i = 0; i < Coco17.SIZE; i++) {
            Vec3 p = coco.get(i);
            if (p == null) {
                continue;
            }
            Vec3 r = turn.rotate(p.minus(root));
            v[3 * i] = r.x();
            v[3 * i + 1] = r.y();
            v[3 * i + 2] = r.z();
            sum += r.dot(r);
        }
        if (!(sum > 1e-24)) {
            return null;
        }
        double scale = 1 / Math.sqrt(sum);
        float[] out = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            out[i] = (float) (v[i] * scale);
        }
        return out;
    }
}
