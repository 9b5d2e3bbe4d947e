package org.vsekai.backpack.contracts.vision;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids of the vision service's records: a name-based UUID of topic, frame and model. The same frame run
 * through the same model again (a redelivered {@code camera-frames} record) gets the same id, which is what lets
 * consumers de-duplicate.
 */
public final class VisionEventIds {

    private VisionEventIds() {
    }

    public static UUID of(String topic, UUID frameId, String model) {
        return UUID.nameUUIDFromBytes((topic + "|" + frameId + "|" + model).getBytes(StandardCharsets.UTF_8));
    }
}
