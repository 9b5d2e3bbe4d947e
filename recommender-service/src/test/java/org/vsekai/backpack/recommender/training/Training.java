package org.vsekai.backpack.recommender.training;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.vsekai.backpack.contracts.recommendation.TrainingJob;

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
}
