package org.vsekai.backpack.contracts.pose;

import java.util.List;
import java.util.UUID;

/**
 * A pose search (POST /api/v1/poses/search): the query is one of a stored pose ({@code poseId}), a frame's body
 * ({@code frameId} and {@code person}, a 2D pose) or {@code points} with their {@code method}.
 *
 * @param person            the body's index in the frame, 0 by default
 * @param method            with points: {@code single-camera-2d} ([x, y] pixels, y down) or {@code triangulated-3d}
 *                          ([x, y, z] scene units)
 * @param points            the 17 COCO points, null where missing; the hips are needed
 * @param rotationInvariant compare poses in the body's own frame (the same pose facing any way), false by default
 * @param limit             1 to the service's max-results, 10 by default
 * @param ownerId           whose poses to search; only an admin names another user (the caller's own otherwise)
 */
public record PoseSearchRequest(UUID poseId, UUID frameId, Integer person, String method, List<List<Double>> points,
                                Boolean rotationInvariant, Integer limit, String ownerId) {
}
