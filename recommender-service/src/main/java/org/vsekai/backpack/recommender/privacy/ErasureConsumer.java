package org.vsekai.backpack.recommender.privacy;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.kit.privacy.UserErasures;
import org.vsekai.backpack.recommender.foldin.FoldInService;
import org.vsekai.backpack.recommender.live.LiveState;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.training.TrainingService;

import io.smallrye.mutiny.Uni;

/**
 * Reads {@code user-erasures} the way every service does ({@link UserErasures}, docs/adr/0007): a tombstone is
 * nothing to erase; an event naming no user, or whose erase keeps failing, goes to {@code user-erasures.dlq}. Once
 * the user's rows are deleted (committed), the user leaves the live state (their backpack, seen items and share of
 * popularity go), the served model stops using their vector (they get cold-start popularity), and a retraining is
 * requested so that no model keeps anything learned from them; the files of older models are deleted once it has
 * run. Acknowledged after all of that, so a crash means a redelivery, and a redelivered event changes nothing.
 */
@ApplicationScoped
public class ErasureConsumer {

    private static final Logger LOG = Logger.getLogger(ErasureConsumer.class);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);
    private static final int RETRIES = 5;

    private final ErasureService erasures;
    private final LiveState live;
    private final ServingModel serving;
    private final TrainingService training;
    private final FoldInService foldIns;

    public ErasureConsumer(ErasureService erasures, LiveState live, ServingModel serving, TrainingService training,
            FoldInService foldIns) {
        this.erasures = erasures;
        this.live = live;
        this.serving = serving;
        this.training = training;
        this.foldIns = foldIns;
    }

    @Incoming(Topics.USER_ERASURES_NAME)
    public Uni<Void> consume(UserErasure erasure) {
        return UserErasures.consume(erasure, event -> live.afterCommit(
                        () -> erasures.eraseUser(event.eventId(), event.userId()),
                        erased -> forget(event, erased))
                // A lost connection may pass on a later try; a redelivered event is applied once all the same.
                .onFailure().retry().withBackOff(RETRY_BACKOFF).atMost(RETRIES));
    }

    private void forget(UserErasure event, ErasureService.Erased erased) {
        if (!erased.applied()) {
            LOG.debugf("Erasure event %s was applied before; skipped", event.eventId());
            return; // what it did live was done then, or reloaded from the database since
        }
        String userId = event.userId();
        serving.forget(userId, Instant.now());
        foldIns.forget(userId);
        boolean wasLive = live.activity().erase(userId);
        boolean inModel = serving.current().map(model -> model.users().indexOf(userId) >= 0).orElse(false);
        if (erased.rows() > 0 || wasLive || inModel) {
            training.requestAfterErasure(); // an erasure of a user the recommender never knew trains nothing
        }
    }
}
