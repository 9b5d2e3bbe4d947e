package org.vsekai.backpack.recommender.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.recommendation.TrainingEvaluation;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.contracts.recommendation.TrainingState;
import org.vsekai.backpack.recommender.Events;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.foldin.FoldInService;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.serving.ModelStore;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Training jobs live in the database, not in the service: a second {@link TrainingService} over the same database
 * (what a restart makes: nothing in memory) reports the jobs the first one ran, and at its start marks the jobs a
 * stopped process left queued or running as failed, interrupted.
 */
@QuarkusTest
class TrainingJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TrainingData data;

    @Inject
    ModelTrainer trainer;

    @Inject
    ModelStore store;

    @Inject
    ServingModel serving;

    @Inject
    TrainingJobRepository jobs;

    @Inject
    FoldInService foldIns;

    @Inject
    RecommenderConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Pool database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** Something to train on when this class runs first (the database is shared by the test classes). */
    @BeforeEach
    void storeSomeInteractions() {
        String run = "tj-" + UUID.randomUUID().toString().substring(0, 8);
        try (Events events = new Events(bootstrap)) {
            for (int u = 0; u < 3; u++) {
                for (int i = 0; i < 3; i++) {
                    events.interaction(run + "-u" + u, ActivityType.LIKE, run + "-i" + i);
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Events.rows(database, "interactions", "item_id", run) == 9);
    }

    @Test
    void jobsAndTheirStatesOutliveTheServiceThatRanThem() {
        TrainingJob succeeded = Training.trainNow();
        QuarkusMock.installMockForType(new ModelTrainer(config) {
            @Override
            public ServingSnapshot train(InteractionMatrix interactions, String version, Instant readAt) {
                throw new IllegalStateException("injected failure");
            }
        }, ModelTrainer.class);
        TrainingJob failed = Training.trainNow();
        assertThat(succeeded.state()).isEqualTo(TrainingState.SUCCEEDED);
        assertThat(failed.state()).isEqualTo(TrainingState.FAILED);

        TrainingService restarted = restart();
        try {
            List<TrainingJob> listed = restarted.jobs().await().atMost(WAIT);
            assertThat(listed).contains(succeeded, failed);
            assertThat(listed.indexOf(failed)).as("newest first").isLessThan(listed.indexOf(succeeded));
            assertThat(restarted.job(succeeded.id()).await().atMost(WAIT)).contains(succeeded);
            assertThat(restarted.job(failed.id()).await().atMost(WAIT)).contains(failed);
            assertThat(failed.error()).contains("injected failure");
            assertThat(restarted.job(UUID.randomUUID().toString()).await().atMost(WAIT)).isEmpty();
            assertThat(restarted.job("not-a-uuid").await().atMost(WAIT)).isEmpty();
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aJobLeftQueuedOrRunningByAStoppedServiceIsFailedAtTheNextStartAndTheNextJobRuns() {
        // Once it is done, no job of the running service is in flight to be taken for an interrupted one.
        TrainingJob done = Training.trainNow();
        // What a process killed during a training leaves behind: one job running, the one after it queued.
        Instant before = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MICROS);
        TrainingJob running = new TrainingJob(UUID.randomUUID().toString(), TrainingState.RUNNING, "schedule",
                before, before.plusSeconds(1), null, null, null, null);
        TrainingJob queued = new TrainingJob(UUID.randomUUID().toString(), TrainingState.QUEUED, "erasure",
                before.plusSeconds(2), null, null, null, null, null);
        jobs.insert(running, config.training().jobsKept()).await().atMost(WAIT);
        jobs.insert(queued, config.training().jobsKept()).await().atMost(WAIT);
        assertThat(Training.job(running.id())).isEqualTo(running);

        Instant restartedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TrainingService restarted = restart();
        try {
            restarted.recoverAtStart(null);

            for (TrainingJob left : List.of(running, queued)) {
                TrainingJob now = Training.job(left.id());
                assertThat(now.state()).isEqualTo(TrainingState.FAILED);
                assertThat(now.error()).isEqualTo(TrainingService.INTERRUPTED);
                assertThat(now.finishedAt()).isAfterOrEqualTo(restartedAt);
                assertThat(now.startedAt()).isEqualTo(left.startedAt());
                assertThat(now.requestedAt()).isEqualTo(left.requestedAt());
                assertThat(now.trigger()).isEqualTo(left.trigger());
            }
            assertThat(Training.job(done.id())).as("a finished job stays as it was").isEqualTo(done);

            // The restarted service trains as before: its job is stored, runs, and is not taken for an interrupted one.
            TrainingJob next = restarted.request("admin").await().atMost(WAIT);
            assertThat(next.state()).isEqualTo(TrainingState.QUEUED);
            await().atMost(Duration.ofSeconds(120)).until(() -> Training.job(next.id()).state().finished());
            TrainingJob finished = Training.job(next.id());
            assertThat(finished.state()).isEqualTo(TrainingState.SUCCEEDED);
            assertThat(finished.modelVersion()).isNotNull();
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aRunWithoutFiguresKeepsWhyAndOneWithFiguresKeepsThemExactly() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TrainingJob skipped = new TrainingJob(UUID.randomUUID().toString(), TrainingState.SUCCEEDED, "admin", at, at,
                at, "v-skipped", 3, null, TrainingEvaluation.skipped("ials", "too little data for a holdout"));
        TrainingJob evaluated = new TrainingJob(UUID.randomUUID().toString(), TrainingState.SUCCEEDED, "admin", at,
                at, at, "v-evaluated", 300, null, new TrainingEvaluation("ials", 0.1234567890123, 1.0 / 3, 0.5, 17,
                        null));
        jobs.insert(skipped, config.training().jobsKept()).await().atMost(WAIT);
        jobs.insert(evaluated, config.training().jobsKept()).await().atMost(WAIT);

        TrainingJob readSkipped = Training.job(skipped.id());
        assertThat(readSkipped).isEqualTo(skipped);
        assertThat(readSkipped.evaluation().ndcgAt10()).isNull();
        assertThat(Training.job(evaluated.id())).isEqualTo(evaluated);
    }

    @Test
    void theTableTakesOnlyTrainingStates() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> database.preparedQuery("INSERT INTO training_jobs (id, state, triggered_by, "
                        + "requested_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(UUID.randomUUID(), "DONE", "admin", now.atOffset(ZoneOffset.UTC)))
                .await().atMost(WAIT)).hasMessageContaining("training_jobs_state_check");
    }

    /** A service as a restart makes it: the same database and beans, nothing of the first one's memory. */
    private TrainingService restart() {
        return new TrainingService(data, trainer, store, serving, jobs, foldIns, config, registry);
    }
}
