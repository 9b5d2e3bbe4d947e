package org.vsekai.backpack.recommender;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.testkit.ServiceEndpoints;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceEndpointsTest {

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        ServiceEndpoints.assertReady("Kafka connection health check",
                "Reactive PostgreSQL connections health check", "SmallRye Reactive Messaging - readiness check");
        ServiceEndpoints.assertLive();
    }

    @Test
    void publishesMetricsAndAnOpenApiDocument() {
        ServiceEndpoints.assertMetricsContain("backpack_recommender_interactions_stored_total");
        ServiceEndpoints.assertMetricsContain("backpack_recommender_recommendations_served_total");
        ServiceEndpoints.assertMetricsContain("backpack_recommender_training_duration_seconds_count");
        ServiceEndpoints.assertMetricsContain("backpack_recommender_training_interactions");
        ServiceEndpoints.assertMetricsContain("backpack_recommender_model_swaps_total");
        ServiceEndpoints.assertMetricsContain("backpack_recommender_model_trained_at");
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Backpack recommender service"))
                .body("paths", org.hamcrest.Matchers.hasKey("/users/{userId}/recommendations"))
                .body("paths", org.hamcrest.Matchers.hasKey("/items/{itemId}/similar"))
                .body("paths", org.hamcrest.Matchers.hasKey("/recommendations"))
                .body("paths", org.hamcrest.Matchers.hasKey("/users/{userId}/backpack"))
                .body("paths", org.hamcrest.Matchers.hasKey("/admin/training"))
                .body("paths", org.hamcrest.Matchers.hasKey("/admin/training/jobs/{id}"));
    }
}
