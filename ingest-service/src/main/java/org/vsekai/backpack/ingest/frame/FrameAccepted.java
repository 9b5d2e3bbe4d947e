package org.vsekai.backpack.ingest.frame;

import java.util.UUID;

import org.vsekai.backpack.contracts.scene.CameraCalibration;

/** The answer to a posted frame (202): where it is stored, its size and the calibration it travels with. */
public record FrameAccepted(UUID frameId, UUID sceneId, String camera, UUID jobId, String blobRef, int width,
                            int height, CameraCalibration calibration) {
}
