package org.vsekai.backpack.contracts.pose;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A pose of a scene as {@code GET /scenes/{id}/poses} shows it, ready to drive a humanoid rig.
 *
 * @param points            2D: {@code [x, y, score]} in pixels; 3D: {@code [x, y, z]} in scene units; null where
 *                          missing
 * @param reprojectionError 3D: the largest per-point RMS reprojection error, in pixels
 * @param rotations         3D: each joint's rotation relative to the T-pose, as {@code [x, y, z, w]}, keyed by the
 *                          humanoid bone it turns (Godot's SkeletonProfileHumanoid names): local, Lⱼ = D₍parent₎⁻¹ ·
 *                          Dⱼ along the chain hips → spine → neck → head, neck → arms, hips → legs
 * @param globalRotations   3D: the same joints' rotations Dⱼ from the T-pose in model axes (Y up, facing +Z), what
 *                          a rig with another hierarchy (clavicles, a chest) drives its bones from
 * @param boneAngles        2D: each bone's angle in the image plane, radians counter-clockwise from +x, keyed by the
 *                          joint the bone ends at ({@code LEFT_ELBOW}: the upper arm); a single camera says no more
 */
public record ScenePose(UUID poseId, String method, List<UUID> frameIds, int person, double score,
                        Instant capturedAt, List<double[]> points, Double reprojectionError,
                        Map<String, double[]> rotations, Map<String, double[]> globalRotations,
                        Map<String, Double> boneAngles) {

    public ScenePose {
        rotations = rotations == null ? null : new LinkedHashMap<>(rotations);
        globalRotations = globalRotations == null ? null : new LinkedHashMap<>(globalRotations);
        boneAngles = boneAngles == null ? null : new LinkedHashMap<>(boneAngles);
    }

    // Points and rotations are arrays: equal by content, so that a pose read back equals the one written.
    @Override
    public boolean equals(Object other) {
        return other instanceof ScenePose that && Objects.equals(poseId, that.poseId)
                && Objects.equals(method, that.method) && Objects.equals(frameIds, that.frameIds)
                && person == that.person && Double.compare(score, that.score) == 0
                && Objects.equals(capturedAt, that.capturedAt) && Objects.equals(reprojectionError,
                that.reprojectionError) && Objects.equals(boneAngles, that.boneAngles)
                && sameArrays(points, that.points) && sameArrays(rotations, that.rotations)
                && sameArrays(globalRotations, that.globalRotations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(poseId, method, frameIds, person, capturedAt);
    }

    @Override
    public String toString() {
        return "ScenePose[poseId=" + poseId + ", method=" + method + ", frameIds=" + frameIds + ", person=" + person
                + ", score=" + score + ", capturedAt=" + capturedAt + ", points=" + (points == null ? null
                : points.stream().map(Arrays::toString).toList()) + ", reprojectionError=" + reprojectionError
                + ", rotations=" + text(rotations) + ", globalRotations=" + text(globalRotations) + ", boneAngles="
                + boneAngles + "]";
    }

    private static boolean sameArrays(List<double[]> a, List<double[]> b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameArrays(Map<String, double[]> a, Map<String, double[]> b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.keySet().equals(b.keySet())
                && a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    private static String text(Map<String, double[]> rotations) {
        if (rotations == null) {
            return "null";
        }
        Map<String, String> shown = new LinkedHashMap<>();
        rotations.forEach((bone, q) -> shown.put(bone, Arrays.toString(q)));
        return shown.toString();
    }

    /** The scene's poses. */
    public record Poses(UUID sceneId, List<ScenePose> poses) {
    }
}
