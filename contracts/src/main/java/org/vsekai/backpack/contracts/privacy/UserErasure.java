package org.vsekai.backpack.contracts.privacy;

import java.time.Instant;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

/** Erase everything personal of {@code userId}; every service that keeps personal rows consumes it. */
public record UserErasure(int version, UUID eventId, String userId, String requestedBy, Instant requestedAt)
        implements Event {

    public static final int CURRENT_VERSION = 1;
}
