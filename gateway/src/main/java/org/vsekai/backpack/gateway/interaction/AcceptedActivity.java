package org.vsekai.backpack.gateway.interaction;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to an accepted activity: its id (the client's, or the one the gateway assigned) and the id of
 * the event that carries it on {@code interactions}.
 */
public record AcceptedActivity(
        @Schema(description = "The activity's id: the client's, or an urn:uuid the gateway assigned")
        String id,
        @Schema(description = "The id of the event on the interaction log; the same for every retry of an activity "
                + "the client gave an id, new for each attempt otherwise")
        UUID eventId) {
}
