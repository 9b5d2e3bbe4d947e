package org.vsekai.backpack.vision.model;

/** A configured model that cannot be served; thrown at start, so the service does not come up half-configured. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
