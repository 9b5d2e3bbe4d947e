package org.vsekai.backpack.gateway.interaction;

import java.time.Instant;

import org.vsekai.backpack.contracts.interaction.ActivityType;

/**
 * One ActivityStreams 2.0 activity that passed validation: what the gateway keeps of the JSON-LD document.
 *
 * @param id     the activity's {@code id}, or {@code null} when the client sent none
 * @param actor  the id of the user who acted
 * @param object the id of the item acted on
 */
public record Activity(String id, ActivityType type, String actor, String object, Instant published) {
}
