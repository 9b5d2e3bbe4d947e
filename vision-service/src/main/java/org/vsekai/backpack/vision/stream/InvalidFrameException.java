package org.vsekai.backpack.vision.stream;

/** A camera frame detection cannot run on; it goes to the dead-letter topic with this message as the reason. */
public class InvalidFrameException extends RuntimeException {

    public InvalidFrameException(String reason) {
        super(reason);
    }
}
