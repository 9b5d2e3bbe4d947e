package org.vsekai.backpack.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.CameraFrame;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.ServiceEndpoints;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.testkit.TraceContext;

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
        ServiceEndpoints.assertReady(
                "Kafka connection health check",
                "SmallRye Reactive Messaging - readiness check")
                .body(ServiceEndpoints.channelReadiness("camera-frames"), equalTo("[OK]"))
                .body(ServiceEndpoints.channelReadiness("detections"), equalTo("[OK]"));
    }

    @Test
    void livenessIsUp() {
        ServiceEndpoints.assertLive();
    }

    @Test
    void metricsAreExposedForPrometheus() {
        ServiceEndpoints.assertMetricsContain(
                "backpack_vision_frames_received_total",
                "backpack_vision_frames_rejected_total",
                "kafka_consumer_");
    }

    @Test
    void openApiDescribesTheService() {
        ServiceEndpoints.assertOpenApi("Backpack vision service", "camera frames");
    }

    @Test
    void consumingContinuesTheProducersTrace() {
        TraceContext trace = TraceContext.random();
        UUID sceneId = UUID.randomUUID();
        CameraFrame frame = new CameraFrame(1, UUID.randomUUID(), sceneId, UUID.randomUUID(), "blob://frames/traced",
                "Camera", null, 640, 480, Instant.now());

        try (TopicProbe probe = new TopicProbe(bootstrapServers)) {
            probe.send(Topics.CAMERA_FRAMES_NAME, sceneId.toString(), EventJson.write(frame),
                    TraceContext.HEADER, trace.traceparent());
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(spans.getFinishedSpanItems())
                        .anySatisfy(span -> {
                            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                            assertThat(span.getName()).contains(Topics.CAMERA_FRAMES_NAME);
                            assertThat(span.getTraceId()).isEqualTo(trace.traceId());
                        }));
    }
}
