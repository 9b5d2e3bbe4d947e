package org.vsekai.backpack.contracts.vision;

/** An edge of the kinematic chain between two keypoints, by their index in the set. */
public record Bone(int from, int to) {
}
