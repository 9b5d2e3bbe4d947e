package org.vsekai.backpack.ingest.pose;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code poses}.
 *
 * @param frameIds          the frames it was made from (one for a 2D pose)
 * @param person            the body's index among its frame's keypoint sets (0 for 3D)
 * @param score             the pose model's score of the body (3D: the lowest of its views')
 * @param points            the 17 points as stored: 2D {@code [x, y, score]} in pixels, 3D {@code [x, y, z]};
 *                          null where a point is missing
 * @param reprojectionError 3D only: the largest per-point RMS reprojection error, in pixels
 * @param vector            root-relative unit vector ({@link org.vsekai.backpack.pose.vector.PoseVectors})
 * @param invariant         the same in the body's frame, or null without a torso
 */
public record PoseRow(UUID poseId, UUID sceneId, String ownerId, PoseMethod method, List<UUID> frameIds, int person,
                      double score, Instant capturedAt, List<double[]> points, Double reprojectionError,
                      float[] vector, float[] invariant, Instant createdAt) {

    public PoseRow {
        frameIds = List.copyOf(frameIds);
        points = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(points));
    }

    /** The vector of one variant. */
    public float[] vector(boolean rotationInvariant) {
        return rotationInvariant ? invariant : vector;
    }
}
