package org.vsekai.backpack.contracts.vision;

import java.util.List;

/**
 * The keypoints of one detected body.
 *
 * @param points   the named points in the skeleton's order (COCO-17: nose, left_eye, ...), in pixels of the frame
 * @param chain    the kinematic chain: parent-to-child edges between point indices, parents before children
 * @param vector   the pose as a flat descriptor for nearest-neighbour search: (x, y) of every point relative to the
 *                 centroid of the confident points, scaled to unit length (so it does not change when the body moves
 *                 or is seen larger); points below the keypoint threshold are (0, 0)
 * @param skeleton the name of the point layout ({@code coco-17}); null from older producers
 */
public record KeypointSet(BoundingBox box, double score, List<Keypoint> points, List<Bone> chain,
                          List<Double> vector, String skeleton) {

    /** A keypoint set without skeleton name, as the first version of this record had it. */
    public KeypointSet(BoundingBox box, double score, List<Keypoint> points, List<Bone> chain, List<Double> vector) {
        this(box, score, points, chain, vector, null);
    }
}
