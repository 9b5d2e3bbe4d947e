package org.vsekai.backpack.contracts;

/** A record that is not a valid event of its topic; consumers send such records to the dead-letter topic. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
