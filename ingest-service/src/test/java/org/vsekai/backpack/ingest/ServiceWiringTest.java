package org.vsekai.backpack.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.ServiceEndpoints;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The operational surface every Backpack service has: health, metrics, OpenAPI and traces. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_ingest"))
class ServiceWiringTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void readinessCoversKafkaAndTheDatabase() {
        ServiceEndpoints.assertReady(
                "Kafka connection health check",
                "SmallRye Reactive Messaging - readiness check",
                "Database connections health check",
                "Reactive PostgreSQL connections health check");
    }

    @Test
    void livenessIsUp() {
        ServiceEndpoints.assertLive();
    }

    @Test
    void metricsAreExposedForPrometheusWithTemplatedUris() {
        given().header(ForwardedIdentity.USER_HEADER, "someone").get("/jobs/{id}", UUID.randomUUID())
                .then().statusCode(404);

        ServiceEndpoints.assertMetricsContain("http_server_requests_seconds_count", "uri=\"/jobs/{id}\"");
    }

    @Test
    void openApiDescribesTheService() {
        ServiceEndpoints.assertOpenApi("Backpack ingest service", "upload job")
                .body("paths.'/jobs/{id}'.get", notNullValue())
                .body("paths.'/jobs'.post.tags", hasItems("internal"));
    }

    @Test
    void requestsAreTraced() {
        given().header(ForwardedIdentity.USER_HEADER, "someone").get("/jobs/{id}", UUID.randomUUID())
                .then().statusCode(404);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(spans.getFinishedSpanItems())
                        .anySatisfy(span -> {
                            assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                            assertThat(span.getName()).isEqualTo("GET /jobs/{id}");
                        }));
    }
}
