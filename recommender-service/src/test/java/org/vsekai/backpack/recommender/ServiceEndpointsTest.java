package org.vsekai.backpack.recommender;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceEndpointsTest {

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check",
                        "Reactive PostgreSQL connections health check", "SmallRye Reactive Messaging - readiness check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesMetricsAndAnOpenApiDocument() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("backpack_recommender_interactions_stored_total"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Backpack recommender service"))
                .body("paths", org.hamcrest.Matchers.hasKey("/users/{userId}/recommendations"));
    }
}
