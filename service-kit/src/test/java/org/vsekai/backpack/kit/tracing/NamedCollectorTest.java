package org.vsekai.backpack.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.RemoveableLateBoundSpanProcessor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Naming a collector is all it takes to export: the kit's exporter steps aside and Quarkus' OTLP one runs. */
@QuarkusTest
@TestProfile(NamedCollectorTest.CollectorNamed.class)
class NamedCollectorTest {

    public static class CollectorNamed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens there; this test makes no spans, so nothing is sent.
            return Map.of("quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:4317");
        }
    }

    @Inject
    @Any
    Instance<SpanExporter> exporters;

    @Inject
    LateBoundSpanProcessor otlp;

    @Test
    void theNoCollectorExporterIsGoneAndOtlpRuns() {
        assertThat(exporters.stream().toList()).isEmpty();
        assertThat(otlp).isNotInstanceOf(RemoveableLateBoundSpanProcessor.class);
    }
}
