package org.vsekai.backpack.pose.skeleton;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The kinematic chain of a 3D body: its joints, bones and joint rotations relative to a rest pose.
 *
 * <p>Hips, spine, neck and head take the whole rotation between their rest and current frames ({@link JointFrames}:
 * the torso's and head's twist is in the hip, shoulder and ear lines). A shoulder, elbow, hip side or knee takes the
 * smallest rotation that turns its bone from where the parent's rotation alone would point it to where it points:
 * its twist about the bone is not in the points, so none is invented. Wrists and ankles end the chain (COCO has no
 * hand or foot points) and follow their parent.
 */
public final class KinematicChain {

    private static final Map<Joint, Joint> LIMB_CHILD = new EnumMap<>(Map.of(
            Joint.LEFT_SHOULDER, Joint.LEFT_ELBOW, Joint.LEFT_ELBOW, Joint.LEFT_WRIST,
            Joint.RIGHT_SHOULDER, Joint.RIGHT_ELBOW, Joint.RIGHT_ELBOW, Joint.RIGHT_WRIST,
            Joint.LEFT_HIP, Joint.LEFT_KNEE, Joint.LEFT_KNEE, Joint.LEFT_ANKLE,
            Joint.RIGHT_HIP, Joint.RIGHT_KNEE, Joint.RIGHT_KNEE, Joint.RIGHT_ANKLE));

    private final RestPose rest;

    public KinematicChain(RestPose rest) {
        this.rest = rest;
    }

    /** The pose of 17 COCO points (world coordinates, a null where a point is missing). */
    public KinematicPose solve(List<Vec3> coco) {
        Map<Joint, Vec3> positions = JointPositions.of(coco);
        List<BoneVector> bones = new ArrayList<>();
        for (Joint joint : Joint.values()) {
            Joint parent = joint.parent();
            if (parent != null && positions.containsKey(parent) && positions.containsKey(joint)) {
                Vec3 d = positions.get(joint).minus(positions.get(parent));
                Vec3 direction = d.unit();
                if (direction != null) {
                    bones.add(new BoneVector(parent, joint, direction, d.length()));
                }
            }
        }
        Map<Joint, Quaternion> global = new EnumMap<>(Joint.class);
        Map<Joint, Quaternion> local = new EnumMap<>(Joint.class);
        for (Joint joint : Joint.values()) {
            Quaternion parent = joint.parent() == null ? Quaternion.IDENTITY : global.get(joint.parent());
            Quaternion d = null;
            if (JointFrames.FRAMED.contains(joint)) {
                Quaternion frame = JointFrames.frame(joint, positions, coco);
                if (frame != null) {
                    d = frame.times(rest.frame(joint).inverse()).normalised();
                } else if (joint == Joint.HEAD) {
                    d = parent; // no ears: the head keeps the neck's turn
                }
            } else if (parent != null && LIMB_CHILD.containsKey(joint)) {
                Joint child = LIMB_CHILD.get(joint);
                Vec3 from = positions.get(joint);
                Vec3 to = positions.get(child);
                Vec3 actual = from == null || to == null ? null : to.minus(from).unit();
                if (actual != null) {
                    Vec3 predicted = parent.rotate(rest.direction(joint, child)).unit();
                    d = Quaternion.between(predicted, actual).times(parent).normalised();
                }
            } else {
                d = parent; // a wrist or an ankle
            }
            if (d != null) {
                global.put(joint, d);
                local.put(joint, joint.parent() == null ? d : parent.inverse().times(d).normalised());
            }
        }
        return new KinematicPose(positions, bones, local, global);
    }

    /**
     * Forward kinematics, as a rig driven by a pose would place its joints: from the root's position, each joint at
     * its parent plus the parent's rotation of the rest direction, times the bone's length.
     *
     * @param lengths each bone's length, keyed by the joint it ends at
     */
    public Map<Joint, Vec3> forward(Vec3 root, Map<Joint, Quaternion> localRotations, Map<Joint, Double> lengths) {
        Map<Joint, Vec3> positions = new EnumMap<>(Joint.class);
        Map<Joint, Quaternion> global = new EnumMap<>(Joint.class);
        for (Joint joint : Joint.values()) {
            Quaternion l = localRotations.get(joint);
            Joint parent = joint.parent();
            if (l == null || (parent != null && !global.containsKey(parent))) {
                continue;
            }
            if (parent == null) {
                positions.put(joint, root);
                global.put(joint, l);
                continue;
            }
            Quaternion p = global.get(parent);
            global.put(joint, p.times(l));
            Double length = lengths.get(joint);
            if (length != null) {
                positions.put(joint, positions.get(parent).plus(p.rotate(rest.direction(parent, joint)).times(length)));
            }
        }
        return positions;
    }
}
