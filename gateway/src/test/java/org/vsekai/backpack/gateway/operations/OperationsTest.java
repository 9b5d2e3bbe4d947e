package org.vsekai.backpack.gateway.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.gateway.testing.FailingResource;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.ServiceEndpoints;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class OperationsTest {

    @Test
    void isReadyWhenTheBrokerAnswers() {
        ServiceEndpoints.assertReady("Kafka connection health check")
                .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("UP"))
                .body("checks.find { it.name == '" + ServiceEndpoints.MESSAGING_READINESS + "' }.data",
                        hasKey("interactions"));
    }

    @Test
    void describesItsApi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Backpack gateway API"))
                .body("info.version", notNullValue())
                .body("paths", hasKey("/api/v1/interactions"))
                .body("paths", hasKey("/api/v1/interactions:batch"))
                .body("paths", hasKey("/api/v1/users/{id}/recommendations"))
                .body("paths", hasKey("/api/v1/users/{id}/backpack"))
                .body("paths", hasKey("/api/v1/users/{id}"))
                .body("paths", hasKey("/api/v1/recommendations"))
                .body("paths", hasKey("/api/v1/items/{id}/similar"))
                .body("paths", hasKey("/api/v1/items/{id}/metadata"))
                .body("paths", hasKey("/api/v1/items/{id}/attributes"))
                .body("paths", hasKey("/api/v1/items"))
                .body("paths", hasKey("/api/v1/jsonld/expand"))
                .body("paths", hasKey("/api/v1/jsonld/frame"))
                .body("paths", hasKey("/api/v1/scenes/{id}/packets"))
                .body("paths", hasKey("/api/v1/uploads/{id}"))
                .body("paths", hasKey("/api/v1/admin/training"))
                .body("paths", hasKey("/api/v1/admin/training/jobs/{id}"))
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/users/{id}/recommendations'.get.security[0]", hasKey("bearer"))
                .body("paths.'/api/v1/items/{id}/metadata'.get", not(hasKey("security")))
                .body("paths.'/api/v1/items/{id}/metadata'.get.responses", hasKey("429"))
                .body("paths.'/api/v1/items/{id}/metadata'.put.responses", hasKey("413"))
                .body("paths.'/api/v1/users/{id}/recommendations'.get.responses.'429'.headers", hasKey("Retry-After"))
                .body("tags.name", hasItems("Interactions", "Recommendations", "Backpack", "Items", "JSON-LD",
                        "Uploads", "Training", "Privacy"))
                .body("paths.'/api/v1/interactions'.post.description", containsString("Retrying is safe"))
                .body("components.schemas.AcceptedActivity.properties.eventId.description",
                        containsString("same for every retry"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void answersNoCrossOriginRequestByDefault() {
        given().header("Origin", "https://elsewhere.example.org")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/items")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get("/q/health/live").then().statusCode(200);
        ServiceEndpoints.assertMetricsContain("jvm_memory_used_bytes", "kafka_producer");
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        given().when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/v1/nothing-here"));
    }

    @Test
    void keepsTheCauseOfAnUnexpectedFailureOutOfTheAnswer() {
        given().when().get("/test-only/failure")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("status", equalTo(500))
                .body("detail", containsString("incident id"))
                .body(not(containsString(FailingResource.SECRET)))
                .body(not(containsString("IllegalStateException")));
    }
}
