package org.vsekai.backpack.vision.frame;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.scene.CameraFrame;

/** Checks that a camera frame names an image detection can be run on. */
@ApplicationScoped
public class FrameRules {

    private final int maxDimension;

    public FrameRules(FrameLimits limits) {
        this.maxDimension = limits.maxDimension();
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
        return Optional.empty();
    }
}
