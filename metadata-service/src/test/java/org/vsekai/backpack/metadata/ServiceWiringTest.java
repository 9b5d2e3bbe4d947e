package org.vsekai.backpack.metadata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.infra.testing.KafkaResource;
import org.vsekai.backpack.infra.testing.PostgresResource;
import org.vsekai.backpack.infra.testing.TopicProbe;

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
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "Kafka connection health check",
                        "SmallRye Reactive Messaging - readiness check",
                        "Database connections health check",
                        "Reactive PostgreSQL connections health check"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.scene-metadata",
                        equalTo("[OK]"));
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().get("/scenes/{id}/packets", UUID.randomUUID()).then().statusCode(404);

        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("uri=\"/scenes/{id}/packets\""))
                .body(containsString("kafka_consumer_"));
    }

    @Test
    void openApiDescribesTheService() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Backpack metadata service"))
                .body("info.description", containsString("JSON-LD"))
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
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        UUID sceneId = UUID.randomUUID();
        SceneMetadata event = new SceneMetadata(1, UUID.randomUUID(), sceneId, "owner-1", List.of());

        try (TopicProbe probe = new TopicProbe(bootstrapServers)) {
            probe.send(Topics.SCENE_METADATA_NAME, sceneId.toString(), EventJson.write(event),
                    "traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(spans.getFinishedSpanItems())
                        .anySatisfy(span -> {
                            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                            assertThat(span.getName()).contains(Topics.SCENE_METADATA_NAME);
                            assertThat(span.getTraceId()).isEqualTo(traceId);
                        }));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
