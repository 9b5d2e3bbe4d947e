package org.vsekai.backpack.contracts.kafka;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;

/** Reads {@link CameraFrame} records of {@code camera-frames}. */
public class CameraFrameDeserializer extends EventDeserializer<CameraFrame> {

    public CameraFrameDeserializer() {
        super(Topics.CAMERA_FRAMES);
    }
}
