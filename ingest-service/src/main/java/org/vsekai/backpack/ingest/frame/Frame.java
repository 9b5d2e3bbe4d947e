package org.vsekai.backpack.ingest.frame;

import java.time.Instant;
import java.util.UUID;

import org.vsekai.backpack.contracts.scene.CameraCalibration;
import org.vsekai.backpack.contracts.scene.FrameFormat;

/** A row of {@code scene_frames}: a stored frame of one camera, with that camera's calibration for its size. */
public record Frame(UUID frameId, UUID sceneId, String camera, String ownerId, String blobRef, FrameFormat format,
                    int width, int height, CameraCalibration calibration, Instant capturedAt, Instant receivedAt,
                    Instant analysedAt) {
}
