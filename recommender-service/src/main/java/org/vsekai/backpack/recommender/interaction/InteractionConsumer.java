package org.vsekai.backpack.recommender.interaction;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.kit.sql.TransactionRetry;
import org.vsekai.backpack.recommender.foldin.FoldInService;
import org.vsekai.backpack.recommender.live.LiveState;

import io.smallrye.mutiny.Uni;

/**
 * Reads the {@code interactions} topic. The message is acknowledged only when the returned {@link Uni} completes,
 * i.e. after the write commits, so the offset never runs ahead of the database; a failure goes to
 * {@code interactions.dlq} (see application.properties), a serialization failure only after retries
 * ({@link TransactionRetry}). Once stored, the interaction reaches the live state, so backpack filtering and
 * popularity follow it at once, without a training; then its user (and a new item) is folded in against the served
 * model ({@link FoldInService}), before the acknowledgement, so a user's events fold in the order they happened.
 */
@ApplicationScoped
public class InteractionConsumer {

    private final InteractionService interactions;
    private final InteractionWeights weights;
    private final LiveState live;
    private final FoldInService foldIns;

    public InteractionConsumer(InteractionService interactions, InteractionWeights weights, LiveState live,
            FoldInService foldIns) {
        this.interactions = interactions;
        this.weights = weights;
        this.live = live;
        this.foldIns = foldIns;
    }

    @Incoming(Topics.INTERACTIONS_NAME)
    public Uni<Void> consume(InteractionEvent event) {
        boolean folds = weights.weight(event.type()) > 0; // a zero weight changes no pair a model learns from
        if (folds) {
            foldIns.changing(event.userId(), event.itemId());
        }
        return live.afterCommit(() -> interactions.record(event), isNew -> {
            if (isNew) {
                // A client clock ahead of ours counts as now: a future time must not outweigh every real one.
                Instant at = event.published().isAfter(event.receivedAt()) ? event.receivedAt() : event.published();
                live.activity().record(event.userId(), event.itemId(), event.type(), weights.weight(event.type()),
                        weights.excludes(event.type()), at);
            }
        }).chain(() -> folds ? foldIns.afterInteraction(event.userId(), event.itemId())
                : Uni.createFrom().voidItem());
    }
}
