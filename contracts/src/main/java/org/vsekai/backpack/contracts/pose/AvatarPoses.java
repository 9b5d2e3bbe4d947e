package org.vsekai.backpack.contracts.pose;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

/**
 * The poses one keypoints event made, for the live avatar stream ({@code avatar-poses}, keyed by scene id): each
 * body of the frame as a 2D pose and, when other calibrated cameras saw the instant, its triangulated 3D pose with
 * the rotations that drive a rig. A notice, not the record: the ingest-service's {@code poses} table is the truth,
 * and a stream reader that missed one takes the next.
 *
 * @param eventId    derived from the keypoints event it came from (the same event twice, the same id)
 * @param frameId    the frame whose keypoints made these poses
 * @param capturedAt when that frame was captured
 */
public record AvatarPoses(int version, UUID eventId, UUID sceneId, UUID frameId, Instant capturedAt,
                          List<ScenePose> poses) implements Event {

    public static final int CURRENT_VERSION = 1;

    public AvatarPoses {
        poses = poses == null ? List.of() : List.copyOf(poses);
    }
}
