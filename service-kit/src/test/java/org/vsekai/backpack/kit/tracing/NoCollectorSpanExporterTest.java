package org.vsekai.backpack.kit.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.RemoveableLateBoundSpanProcessor;
import io.quarkus.test.junit.QuarkusTest;

/** With no collector named, tracing is on but nothing leaves the process. */
@QuarkusTest
class NoCollectorSpanExporterTest {

    @Inject
    @Any
    Instance<SpanExporter> exporters;

    // Quarkus' OTLP span processor: a placeholder Quarkus drops when the OTLP exporter is not to run.
    @Inject
    LateBoundSpanProcessor otlp;

    @Test
    void theNoCollectorExporterTakesTheSpansAndOtlpStaysOff() {
        assertThat(exporters.stream().toList()).singleElement().isInstanceOf(NoCollectorSpanExporter.class);
        assertThat(otlp).isInstanceOf(RemoveableLateBoundSpanProcessor.class);
    }

    @Test
    void requestsStillJoinTheCallersTrace() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        given().header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .when().get("/test-only/trace")
                .then().statusCode(200)
                .body(equalTo(traceId));
    }
}
