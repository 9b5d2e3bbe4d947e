package org.vsekai.backpack.recommender.training;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.vsekai.backpack.recommender.live.LiveState;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Retrains on a schedule ({@code recommender.training.every}; {@code off} disables it, as in the tests), and once
 * at start when the saved model holds users the database no longer has: erased while the service was down, or
 * after the model was saved. Serving already ignores them (a user must be in the live state to be served from the
 * model); the retraining removes them from the model and its files.
 */
@ApplicationScoped
public class TrainingSchedule {

    private static final Logger LOG = Logger.getLogger(TrainingSchedule.class);

    private final TrainingService training;
    private final ServingModel serving;
    private final LiveState live;

    public TrainingSchedule(TrainingService training, ServingModel serving, LiveState live) {
        this.training = training;
        this.serving = serving;
        this.live = live;
    }

    @Scheduled(identity = "recommender-training", every = "${recommender.training.every}",
            delayed = "${recommender.training.delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void train() {
        training.request("schedule"); // returns at once: the job is stored and runs on the training thread
    }

    // After the live state has loaded (priority 1).
    void checkTheSavedModel(@Observes @Priority(10) StartupEvent start) {
        ServingSnapshot model = serving.current().orElse(null);
        if (model == null) {
            return;
        }
        long gone = model.users().ids().stream().filter(user -> !live.activity().knowsUser(user)).count();
        if (gone > 0) {
            LOG.infof("Model %s holds %d users the database no longer has: retraining", model.version(), gone);
            training.requestAfterErasure("startup");
        }
    }
}
