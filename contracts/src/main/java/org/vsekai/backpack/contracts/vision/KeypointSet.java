package org.vsekai.backpack.contracts.vision;

import java.util.List;

/**
 * The keypoints of one detected body.
 *
 * @param vector a flat descriptor of the pose, for nearest-neighbour search
 */
public record KeypointSet(BoundingBox box, double score, List<Keypoint> points, List<Bone> chain,
                          List<Double> vector) {
}
