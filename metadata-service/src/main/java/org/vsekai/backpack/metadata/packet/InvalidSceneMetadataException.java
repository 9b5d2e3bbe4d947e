package org.vsekai.backpack.metadata.packet;

/** A scene-metadata event that can be read but not stored; it goes to the dead-letter topic with this message. */
public class InvalidSceneMetadataException extends RuntimeException {

    public InvalidSceneMetadataException(String message) {
        super(message);
    }
}
