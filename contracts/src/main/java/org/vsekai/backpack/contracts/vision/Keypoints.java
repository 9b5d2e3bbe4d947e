package org.vsekai.backpack.contracts.vision;

import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

/** Every keypoint set the vision service found in one frame. */
public record Keypoints(int version, UUID eventId, UUID sceneId, UUID frameId, String model, String modelVersion,
                        List<KeypointSet> sets) implements Event {

    public static final int CURRENT_VERSION = 1;
}
