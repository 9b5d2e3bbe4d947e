package org.vsekai.backpack.vision.stream;

import java.util.Optional;

import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.kit.blob.BlobRef;

/**
 * Checks that a camera frame names an image detection can be run on, before its blob is read: ids, a plausible
 * size and a blob reference ({@code blob:sha256:<hex>}). The calibration is not looked at.
 */
public class FrameRules {

    private final int maxDimension;

    public FrameRules(int maxDimension) {
        this.maxDimension = maxDimension;
    }

    /** Why the frame cannot be processed, or empty when it can. */
    public Optional<String> problemWith(CameraFrame frame) {
        if (frame.sceneId() == null || frame.frameId() == null) {
            return Optional.of("frame of event " + frame.eventId() + " has no sceneId or no frameId");
        }
        if (frame.width() < 1 || frame.width() > maxDimension) {
            return Optional.of("frame " + frame.frameId() + " has width " + frame.width() + "; allowed 1 to "
                    + maxDimension);
        }
        if (frame.height() < 1 || frame.height() > maxDimension) {
            return Optional.of("frame " + frame.frameId() + " has height " + frame.height() + "; allowed 1 to "
                    + maxDimension);
        }
        if (frame.blobRef() == null || frame.blobRef().isBlank()) {
            return Optional.of("frame " + frame.frameId() + " has no blobRef");
        }
        try {
            BlobRef.parse(frame.blobRef());
        } catch (IllegalArgumentException e) {
            return Optional.of("frame " + frame.frameId() + ": " + e.getMessage());
        }
        return Optional.empty();
    }
}
