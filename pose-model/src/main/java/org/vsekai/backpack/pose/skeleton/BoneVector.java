package org.vsekai.backpack.pose.skeleton;

/**
 * A bone of the chain as measured: from a joint to its child.
 *
 * @param direction unit vector from {@code from} to {@code to}
 * @param length    in scene units (pixels for a {@link PlanarPose})
 */
public record BoneVector(Joint from, Joint to, Vec3 direction, double length) {
}
