package org.vsekai.backpack.recommender.privacy;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.kit.sql.TransactionRetry;
import org.vsekai.backpack.recommender.live.LiveState;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.training.TrainingService;

import io.smallrye.mutiny.Uni;

/**
 * Reads {@code user-erasures}. Once the user's rows are deleted (committed), the user leaves the live state (their
 * backpack, seen items and share of popularity go), the served model stops using their vector (they get cold-start
 * popularity), and a retraining is requested so that no model keeps anything learned from them; the files of older
 * models are deleted once it has run. Acknowledged after all of that, so a crash means a redelivery, and a
 * redelivery deletes nothing and changes nothing.
 */
@ApplicationScoped
public class ErasureConsumer {

    private final ErasureService erasure;
    private final LiveState live;
    private final ServingModel serving;
    private final TrainingService training;

    public ErasureConsumer(ErasureService erasure, LiveState live, ServingModel serving, TrainingService training) {
        this.erasure = erasure;
        this.live = live;
        this.serving = serving;
        this.training = training;
    }

    @Incoming(Topics.USER_ERASURES_NAME)
    public Uni<Void> consume(UserErasure request) {
        String userId = request.userId();
        return live.ready().chain(() -> TransactionRetry.retrying(() -> erasure.erase(userId))).invoke(rows -> {
            serving.forget(userId, Instant.now());
            boolean wasLive = live.activity().erase(userId);
            boolean inModel = serving.current().map(model -> model.users().indexOf(userId) >= 0).orElse(false);
            if (rows > 0 || wasLive || inModel) {
                training.requestAfterErasure(); // a redelivery of a done erasure trains nothing
            }
        }).replaceWithVoid();
    }
}
