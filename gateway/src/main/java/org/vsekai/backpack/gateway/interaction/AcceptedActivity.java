package org.vsekai.backpack.gateway.interaction;

import java.util.UUID;

/**
 * The answer to an accepted activity: its id (the client's, or the one the gateway assigned) and the id of
 * the event that carries it on {@code interactions}.
 */
public record AcceptedActivity(String id, UUID eventId) {
}
