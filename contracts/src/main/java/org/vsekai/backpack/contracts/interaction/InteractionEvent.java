package org.vsekai.backpack.contracts.interaction;

import java.time.Instant;
import java.util.UUID;

import org.vsekai.backpack.contracts.Event;

/**
 * One user-item interaction, taken from an ActivityStreams 2.0 activity. Keyed by {@code userId} on the
 * {@code interactions} topic so one user's activities stay in order.
 *
 * @param activityId the activity's {@code id} as the client sent it, or the one the gateway assigned
 * @param userId     the activity's {@code actor}
 * @param itemId     the activity's {@code object}
 * @param published  when the activity happened, as the client says
 * @param receivedAt when the gateway accepted it
 */
public record InteractionEvent(int version, UUID eventId, String activityId, ActivityType type, String userId,
                               String itemId, Instant published, Instant receivedAt) implements Event {

    public static final int CURRENT_VERSION = 1;

    public static InteractionEvent of(UUID eventId, String activityId, ActivityType type, String userId,
                                      String itemId, Instant published, Instant receivedAt) {
        return new InteractionEvent(CURRENT_VERSION, eventId, activityId, type, userId, itemId, published,
                receivedAt);
    }
}
