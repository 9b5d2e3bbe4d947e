package org.vsekai.backpack.recommender.interaction;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.kit.sql.TransactionRetry;
import org.vsekai.backpack.recommender.live.LiveState;

import io.smallrye.mutiny.Uni;

/**
 * Reads the {@code interactions} topic. The message is acknowledged only when the returned {@link Uni} completes,
 * i.e. after the write commits, so the offset never runs ahead of the database; a failure goes to
 * {@code interactions.dlq} (see application.properties), a serialization failure only after retries
 * ({@link TransactionRetry}). Once stored, the interaction reaches the live state, so backpack filtering and
 * popularity follow it at once, without a training.
 */
@ApplicationScoped
public class InteractionConsumer {

    private final InteractionService interactions;
    private final InteractionWeights weights;
    private final LiveState live;

    public InteractionConsumer(InteractionService interactions, InteractionWeights weights, LiveState live) {
        this.interactions = interactions;
        this.weights = weights;
        this.live = live;
    }

    @Incoming(Topics.INTERACTIONS_NAME)
    public Uni<Void> consume(InteractionEvent event) {
        return live.afterCommit(() -> interactions.record(event), isNew -> {
            if (isNew) {
                // A client clock ahead of ours counts as now: a future time must not outweigh every real one.
                Instant at = event.published().isAfter(event.receivedAt()) ? event.receivedAt() : event.published();
                live.activity().record(event.userId(), event.itemId(), event.type(), weights.weight(event.type()),
                        weights.excludes(event.type()), at);
            }
        });
    }
}
