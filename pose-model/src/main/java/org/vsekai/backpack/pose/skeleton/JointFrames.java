package org.vsekai.backpack.pose.skeleton;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The joints whose orientation the points fix completely, by two directions each: the bone up the body (exact) and
 * a left-to-right line orthogonalised against it. A limb's twist about its own axis is not in the points; limbs
 * get the smallest rotation that points them (see {@link KinematicChain}).
 */
final class JointFrames {

    /** Hips: torso up (hips → neck) and the hip line; spine, neck: up their bone and the shoulder line; head: up
     *  the neck → head bone and the ear line. */
    static final Set<Joint> FRAMED = EnumSet.of(Joint.HIPS, Joint.SPINE, Joint.NECK, Joint.HEAD);

    private JointFrames() {
    }

    /** The frame as a rotation of the model axes (x left-ward of the body, y up it, z forward); null if unknown. */
    static Quaternion frame(Joint joint, Map<Joint, Vec3> p, List<Vec3> coco) {
        return switch (joint) {
            case HIPS -> frame(between(p, Joint.HIPS, Joint.NECK), between(p, Joint.RIGHT_HIP, Joint.LEFT_HIP));
            case SPINE -> frame(between(p, Joint.SPINE, Joint.NECK),
                    between(p, Joint.RIGHT_SHOULDER, Joint.LEFT_SHOULDER));
            case NECK -> frame(between(p, Joint.NECK, Joint.HEAD),
                    between(p, Joint.RIGHT_SHOULDER, Joint.LEFT_SHOULDER));
            case HEAD -> coco.get(Coco17.LEFT_EAR) == null || coco.get(Coco17.RIGHT_EAR) == null ? null
                    : frame(between(p, Joint.NECK, Joint.HEAD),
                            coco.get(Coco17.LEFT_EAR).minus(coco.get(Coco17.RIGHT_EAR)));
            default -> null;
        };
    }

    private static Vec3 between(Map<Joint, Vec3> p, Joint from, Joint to) {
        Vec3 a = p.get(from);
        Vec3 b = p.get(to);
        return a == null || b == null ? null : b.minus(a);
    }

    private static Quaternion frame(Vec3 up, Vec3 leftward) {
        if (up == null || leftward == null) {
            return null;
        }
        Vec3 y = up.unit();
        if (y == null) {
            return null;
        }
        Vec3 x = leftward.minus(y.times(leftward.dot(y))).unit();
        if (x == null) {
            return null; // the line is along the bone: no sideways direction
        }
        return Quaternion.ofAxes(x, y, x.cross(y));
    }
}
