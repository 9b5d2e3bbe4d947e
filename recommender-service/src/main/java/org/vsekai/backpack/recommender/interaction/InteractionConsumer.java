package org.vsekai.backpack.recommender.interaction;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;

import io.smallrye.mutiny.Uni;

/**
 * Reads the {@code interactions} topic. The message is acknowledged only when the returned {@link Uni} completes,
 * i.e. after the write commits, so the offset never runs ahead of the database; a failure goes to
 * {@code interactions.dlq} (see application.properties).
 */
@ApplicationScoped
public class InteractionConsumer {

    private final InteractionService interactions;

    public InteractionConsumer(InteractionService interactions) {
        this.interactions = interactions;
    }

    @Incoming(Topics.INTERACTIONS_NAME)
    public Uni<Void> consume(InteractionEvent event) {
        return interactions.record(event).replaceWithVoid();
    }
}
