package org.vsekai.backpack.metadata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.ServiceEndpoints;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.testkit.TraceContext;

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
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_metadata"))
class ServiceWiringTest {

    @Inject
    InMemorySpanExporter spans;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void readinessCoversKafkaTheConsumerAndTheDatabase() {
        ServiceEndpoints.assertReady(
                "Kafka connection health check",
                "SmallRye Reactive Messaging - readiness check",
                "Database connections health check",
                "Reactive PostgreSQL connections health check")
                .body(ServiceEndpoints.channelReadiness("scene-metadata"), equalTo("[OK]"));
    }

    @Test
    void livenessIsUp() {
        ServiceEndpoints.assertLive();
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().get("/scenes/{id}/packets", UUID.randomUUID()).then().statusCode(404);

        ServiceEndpoints.assertMetricsContain("uri=\"/scenes/{id}/packets\"", "kafka_consumer_");
    }

    @Test
    void openApiDescribesTheService() {
        ServiceEndpoints.assertOpenApi("Backpack metadata service", "JSON-LD")
                .body("paths.'/scenes/{id}/packets'.get", notNullValue());
    }

    @Test
    void aPathThatIsNotASceneIdIsA404Problem() {
        given().get("/scenes/{id}/packets", "not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void consumingContinuesTheProducersTrace() {
        TraceContext trace = TraceContext.random();
        UUID sceneId = UUID.randomUUID();
        SceneMetadata event = new SceneMetadata(1, UUID.randomUUID(), sceneId, "owner-1", List.of());

        try (TopicProbe probe = new TopicProbe(bootstrapServers)) {
            probe.send(Topics.SCENE_METADATA_NAME, sceneId.toString(), EventJson.write(event),
                    TraceContext.HEADER, trace.traceparent());
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(spans.getFinishedSpanItems())
                        .anySatisfy(span -> {
                            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                            assertThat(span.getName()).contains(Topics.SCENE_METADATA_NAME);
                            assertThat(span.getTraceId()).isEqualTo(trace.traceId());
                        }));
    }
}
