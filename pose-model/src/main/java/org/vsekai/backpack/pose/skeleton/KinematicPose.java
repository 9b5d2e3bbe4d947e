package org.vsekai.backpack.pose.skeleton;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One body's pose as a humanoid rig wants it. Rotations are deltas from the rest pose, in the rest pose's (the
 * rig's model) axes: {@code globalRotations} Dⱼ turns joint j's rest orientation into its current one,
 * {@code localRotations} Lⱼ = D₍parent₎⁻¹ · Dⱼ (the root's is its global one). A rig whose bone j has the rest
 * orientation Bⱼ in model space is driven by setting the bone's pose rotation, relative to its parent, to
 * B₍parent₎⁻¹ · Lⱼ · Bⱼ (that is, its rest local rotation times Bⱼ⁻¹ · Lⱼ · Bⱼ); for a rig built in the rest pose
 * with unrotated bones, Bⱼ = identity and Lⱼ is the pose rotation itself. A rig whose hierarchy differs (Godot's
 * and VRM's arms hang from the chest through a clavicle, here from the neck joint, the shoulders' midpoint) takes
 * the global rotations instead: B₍p′₎⁻¹ · D₍p′₎⁻¹ · Dⱼ · Bⱼ, with p′ the rig's parent of the bone.
 *
 * @param positions       the joints found, in world coordinates
 * @param bones           each bone whose two joints were found
 * @param localRotations  Lⱼ of each joint whose rotation could be computed
 * @param globalRotations Dⱼ of the same joints
 */
public record KinematicPose(Map<Joint, Vec3> positions, List<BoneVector> bones,
                            Map<Joint, Quaternion> localRotations, Map<Joint, Quaternion> globalRotations) {

    public KinematicPose {
        positions = Collections.unmodifiableMap(copy(positions));
        bones = List.copyOf(bones);
        localRotations = Collections.unmodifiableMap(copy(localRotations));
        globalRotations = Collections.unmodifiableMap(copy(globalRotations));
    }

    private static <V> Map<Joint, V> copy(Map<Joint, V> map) {
        return map.isEmpty() ? new EnumMap<>(Joint.class) : new EnumMap<>(map);
    }
}
