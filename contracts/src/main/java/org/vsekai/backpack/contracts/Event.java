package org.vsekai.backpack.contracts;

import java.util.UUID;

/**
 * What every record on a Backpack topic carries: an id that consumers de-duplicate on (delivery is
 * at-least-once) and the schema version it was written with.
 */
public interface Event {

    /** Schema version of the record; a consumer refuses versions newer than it understands. */
    int version();

    /** Unique per event; the same id twice is the same event delivered twice. */
    java.util.UUID eventId();

    static UUID newId() {
        return UUID.randomUUID();
    }
}
