package org.vsekai.backpack.vision.stream;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.vsekai.backpack.contracts.scene.CameraFrame;

/** A frame taken from Kafka and not yet acknowledged: acked once its results are published, or when skipped. */
public record PendingFrame(CameraFrame frame, Message<CameraFrame> message) {

    /** What sampling keeps one frame of: a camera of a scene. */
    public String camera() {
        return frame.sceneId() + "/" + frame.camera();
    }
}
