package org.vsekai.backpack.vision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.infra.testing.KafkaResource;
import org.vsekai.backpack.infra.testing.TopicProbe;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The operational surface every Backpack service has: health, metrics, OpenAPI and traces. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class ServiceWiringTest {

    @Inject
    InMemorySpanExporter spans;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void readinessCoversKafkaAndBothChannels() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "Kafka connection health check",
                        "SmallRye Reactive Messaging - readiness check"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.camera-frames",
                        equalTo("[OK]"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.detections",
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
        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("backpack_vision_frames_received_total"))
                .body(containsString("backpack_vision_frames_rejected_total"))
                .body(containsString("kafka_consumer_"));
    }

    @Test
    void openApiDescribesTheService() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Backpack vision service"))
                .body("info.description", containsString("camera frames"));
    }

    @Test
    void consumingContinuesTheProducersTrace() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        UUID sceneId = UUID.randomUUID();
        CameraFrame frame = new CameraFrame(1, UUID.randomUUID(), sceneId, UUID.randomUUID(), "blob://frames/traced",
                "Camera", null, 640, 480, Instant.now());

        try (TopicProbe probe = new TopicProbe(bootstrapServers)) {
            probe.send(Topics.CAMERA_FRAMES_NAME, sceneId.toString(), EventJson.write(frame),
                    "traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(spans.getFinishedSpanItems())
                        .anySatisfy(span -> {
                            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                            assertThat(span.getName()).contains(Topics.CAMERA_FRAMES_NAME);
                            assertThat(span.getTraceId()).isEqualTo(traceId);
                        }));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
