package org.vsekai.backpack.contracts.pose;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A pose of a scene as {@code GET /scenes/{id}/poses} shows it, ready to drive a humanoid rig.
 *
 * @param points            2D: {@code [x, y, score]} in pixels; 3D: {@code [x, y, z]} in scene units; null where
 *                          missing
 * @param reprojectionError 3D: the largest per-point RMS reprojection error, in pixels
 * @param rotations         3D: each joint's rotation relative to the T-pose, as {@code [x, y, z, w]}, keyed by the
 *                          humanoid bone it turns (Godot's SkeletonProfileHumanoid names)
 * @param boneAngles        2D: each bone's angle in the image plane, radians counter-clockwise from +x, keyed by the
 *                          joint the bone ends at ({@code LEFT_ELBOW}: the upper arm); a single camera says no more
 */
public record ScenePose(UUID poseId, String method, List<UUID> frameIds, int person, double score,
                        Instant capturedAt, List<double[]> points, Double reprojectionError,
                        Map<String, double[]> rotations, Map<String, Double> boneAngles) {

    public ScenePose {
        rotations = rotations == null ? null : new LinkedHashMap<>(rotations);
        boneAngles = boneAngles == null ? null : new LinkedHashMap<>(boneAngles);
    }

    /** The scene's poses. */
    public record Poses(UUID sceneId, List<ScenePose> poses) {
    }
}
