package org.vsekai.backpack.contracts.scene;

import java.time.Instant;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

/** One rendered or captured frame of a scene camera, stored as a blob. */
public record CameraFrame(int version, UUID eventId, UUID sceneId, UUID frameId, String blobRef, String camera,
                          CameraCalibration calibration, int width, int height, Instant capturedAt)
        implements Event {

    public static final int CURRENT_VERSION = 1;
}
