package org.vsekai.backpack.recommender.training;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

import io.quarkus.test.junit.QuarkusMock;

/** Drives the admin training endpoints as an operator would. */
public final class Training {

    private Training() {
    }

    /** Waits until no job is queued or running, so that the next one reads the data stored by now. */
    public static void awaitIdle() {
        await().atMost(Duration.ofSeconds(120)).until(() -> jobs().stream()
                .allMatch(job -> job.state().finished()));
    }

    public static List<TrainingJob> jobs() {
        return List.of(given().get("/admin/training/jobs").then().statusCode(200).extract().as(TrainingJob[].class));
    }

    public static TrainingJob start() {
        return given().post("/admin/training").then().statusCode(202).extract().as(TrainingJob.class);
    }

    public static TrainingJob awaitDone(String id) {
        await().atMost(Duration.ofSeconds(120)).until(() -> job(id).state().finished());
        return job(id);
    }

    public static TrainingJob job(String id) {
        return given().get("/admin/training/jobs/{id}", id).then().statusCode(200).extract().as(TrainingJob.class);
    }

    /** Trains on everything stored so far and returns the finished job. */
    public static TrainingJob trainNow() {
        awaitIdle();
        return awaitDone(start().id());
    }

    /**
     * Makes the test's trainings wait, once they have read their data, until released (by {@link Held#release} or
     * closing it), to see what happens while a training runs. The mock goes with the test.
     */
    public static Held holdTrainings(RecommenderConfig config) {
        Held held = new Held();
        QuarkusMock.installMockForType(new ModelTrainer(config) {
            @Override
            public ServingSnapshot train(InteractionMatrix interactions, String version, Instant readAt) {
                held.entered.countDown();
                try {
                    held.release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.train(interactions, version, readAt);
            }
        }, ModelTrainer.class);
        return held;
    }

    /** A held training: whether it has read its data, and its release. */
    public static final class Held implements AutoCloseable {

        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        /** True once a training has read its data (within a minute). */
        public boolean awaitRead() throws InterruptedException {
            return entered.await(60, TimeUnit.SECONDS);
        }

        public void release() {
            release.countDown();
        }

        @Override
        public void close() {
            release();
        }
    }
}
