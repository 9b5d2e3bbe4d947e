package org.vsekai.backpack.pose.skeleton;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/** The joints' positions from the 17 COCO points (3D or, with z = 0, pixels), derived as {@link Joint} says. */
public final class JointPositions {

    private JointPositions() {
    }

    /** Each joint whose points are known; a missing (null) COCO point leaves out the joints made from it. */
    public static Map<Joint, Vec3> of(List<Vec3> coco) {
        if (coco.size() != Coco17.SIZE) {
            throw new IllegalArgumentException("COCO-17 has 17 points, not " + coco.size());
        }
        BinaryOperator<Vec3> mid = (a, b) -> a == null || b == null ? null : a.midpoint(b);
        Map<Joint, Vec3> joints = new EnumMap<>(Joint.class);
        Vec3 hips = mid.apply(coco.get(Coco17.LEFT_HIP), coco.get(Coco17.RIGHT_HIP));
        Vec3 neck = mid.apply(coco.get(Coco17.LEFT_SHOULDER), coco.get(Coco17.RIGHT_SHOULDER));
        Vec3 head = mid.apply(coco.get(Coco17.LEFT_EAR), coco.get(Coco17.RIGHT_EAR));
        put(joints, Joint.HIPS, hips);
        put(joints, Joint.SPINE, mid.apply(hips, neck));
        put(joints, Joint.NECK, neck);
        put(joints, Joint.HEAD, head != null ? head : coco.get(Coco17.NOSE));
        put(joints, Joint.LEFT_SHOULDER, coco.get(Coco17.LEFT_SHOULDER));
        put(joints, Joint.LEFT_ELBOW, coco.get(Coco17.LEFT_ELBOW));
        put(joints, Joint.LEFT_WRIST, coco.get(Coco17.LEFT_WRIST));
        put(joints, Joint.RIGHT_SHOULDER, coco.get(Coco17.RIGHT_SHOULDER));
        put(joints, Joint.RIGHT_ELBOW, coco.get(Coco17.RIGHT_ELBOW));
        put(joints, Joint.RIGHT_WRIST, coco.get(Coco17.RIGHT_WRIST));
        put(joints, Joint.LEFT_HIP, coco.get(Coco17.LEFT_HIP));
        put(joints, Joint.LEFT_KNEE, coco.get(Coco17.LEFT_KNEE));
        put(joints, Joint.LEFT_ANKLE, coco.get(Coco17.LEFT_ANKLE));
        put(joints, Joint.RIGHT_HIP, coco.get(Coco17.RIGHT_HIP));
        put(joints, Joint.RIGHT_KNEE, coco.get(Coco17.RIGHT_KNEE));
        put(joints, Joint.RIGHT_ANKLE, coco.get(Coco17.RIGHT_ANKLE));
        return joints;
    }

    private static void put(Map<Joint, Vec3> joints, Joint joint, Vec3 position) {
        if (position != null) {
            joints.put(joint, position);
        }
    }
}
