package org.vsekai.backpack.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
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

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void readinessCoversKafkaAndEveryChannel() {
        ServiceEndpoints.assertReady(
                "Kafka connection health check",
                ServiceEndpoints.MESSAGING_READINESS)
                .body(ServiceEndpoints.channelReadiness("camera-frames"), equalTo("[OK]"))
                .body(ServiceEndpoints.channelReadiness("detections"), equalTo("[OK]"))
                .body(ServiceEndpoints.channelReadiness("keypoints"), equalTo("[OK]"));
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
                "backpack_vision_frames_skipped_total",
                "backpack_vision_frames_processed_total",
                "backpack_vision_queue_depth{queue=\"interactive\"}",
                "backpack_vision_queue_depth{queue=\"frames\"}",
                "backpack_vision_consumer_lag",
                "kafka_consumer_");
    }

    @Test
    void inferenceIsTimedPerModelAndStageAndBatchesAreMeasured() {
        io.restassured.RestAssured.given().contentType("image/png").body(Frames.png(20, 10, 0xFFFFFF))
                .post("/infer/rf-detr").then().statusCode(200);
        ServiceEndpoints.assertMetricsContain(
                "backpack_vision_inference_duration_seconds_count{model=\"rf-detr\",stage=\"decode\"}",
                "backpack_vision_inference_duration_seconds_count{model=\"rf-detr\",stage=\"pre\"}",
                "backpack_vision_inference_duration_seconds_count{model=\"rf-detr\",stage=\"run\"}",
                "backpack_vision_inference_duration_seconds_count{model=\"rf-detr\",stage=\"post\"}",
                "backpack_vision_batch_size_count{model=\"rf-detr\"}",
                "backpack_vision_dispatches_total{lane=\"interactive\"}");
    }

    @Test
    void openApiDescribesTheService() {
        ServiceEndpoints.assertOpenApi("Backpack vision service", "camera frames")
                .body("paths.'/models'.get.summary", equalTo("The models this service serves"))
                .body("paths.'/infer/{model}'.post.summary", equalTo("Run a model on an image"));
    }

    @Test
    void consumingContinuesTheProducersTrace() {
        TraceContext trace = TraceContext.random();
        UUID sceneId = UUID.randomUUID();
        CameraFrame frame = Frames.frame(sceneId, "Camera", "blob:sha256:" + "1".repeat(64), 640, 480);

        probe.send(Topics.CAMERA_FRAMES_NAME, sceneId.toString(), EventJson.write(frame),
                TraceContext.HEADER, trace.traceparent());

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(spans.getFinishedSpanItems())
                        .anySatisfy(span -> {
                            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                            assertThat(span.getName()).contains(Topics.CAMERA_FRAMES_NAME);
                            assertThat(span.getTraceId()).isEqualTo(trace.traceId());
                        }));
    }
}
