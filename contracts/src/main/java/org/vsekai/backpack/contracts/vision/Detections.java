package org.vsekai.backpack.contracts.vision;

import java.util.List;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

/** Every detection the vision service found in one frame, with the model that found them. */
public record Detections(int version, UUID eventId, UUID sceneId, UUID frameId, String model, String modelVersion,
                         List<Detection> detections) implements Event {

    public static final int CURRENT_VERSION = 1;
}
