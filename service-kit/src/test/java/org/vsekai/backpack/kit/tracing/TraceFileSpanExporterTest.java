package org.vsekai.backpack.kit.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.LateBoundSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.RemoveableLateBoundSpanProcessor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With {@code backpack.traces.file} named, spans are appended to it as OTLP/JSON lines and OTLP stays off. */
@QuarkusTest
@TestProfile(TraceFileSpanExporterTest.FileNamed.class)
class TraceFileSpanExporterTest {

    static final Path FILE = Path.of("target", "trace-file-test", "spans-" + ProcessHandle.current().pid() + ".jsonl");

    public static class FileNamed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(TraceFileSpanExporter.FILE, FILE.toString(), "quarkus.otel.bsp.schedule.delay", "50ms",
                    "quarkus.application.name", "kit-under-test");
        }
    }

    @Inject
    @Any
    Instance<SpanExporter> exporters;

    @Inject
    LateBoundSpanProcessor otlp;

    @Test
    void theFileExporterJoinsTheNoCollectorOneAndOtlpStaysOff() {
        assertThat(exporters.stream().map(Object::getClass).map(Class::getSimpleName).toList())
                .containsExactlyInAnyOrder("NoCollectorSpanExporter", "TraceFileSpanExporter");
        assertThat(otlp).isInstanceOf(RemoveableLateBoundSpanProcessor.class);
    }

    @Test
    void aRequestsSpanIsWrittenAsOtlpJsonWithItsParentAndService() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parent = "00f067aa0ba902b7";
        given().header("traceparent", "00-" + traceId + "-" + parent + "-01")
                .when().get("/test-only/trace")
                .then().statusCode(200);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> spans = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> spansOf(json, traceId), found -> !found.isEmpty());

        JsonNode server = spans.get(0);
        assertThat(server.path("parentSpanId").asText()).isEqualTo(parent);
        assertThat(server.path("spanId").asText()).hasSize(16).isNotEqualTo(parent);
        assertThat(server.path("name").asText()).contains("/test-only/trace");
        assertThat(server.path("service").asText()).isEqualTo("kit-under-test");
    }

    /** The spans of one trace in the file, each with its resource's service.name copied in as "service". */
    private static List<JsonNode> spansOf(ObjectMapper json, String traceId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        if (!Files.exists(FILE)) {
            return found;
        }
        for (String line : Files.readAllLines(FILE)) {
            for (JsonNode resourceSpans : json.readTree(line).path("resourceSpans")) {
                String service = "";
                for (JsonNode attribute : resourceSpans.path("resource").path("attributes")) {
                    if ("service.name".equals(attribute.path("key").asText())) {
                        service = attribute.path("value").path("stringValue").asText();
                    }
                }
                for (JsonNode scope : resourceSpans.path("scopeSpans")) {
                    for (JsonNode span : scope.path("spans")) {
                        if (traceId.equals(span.path("traceId").asText())) {
                            ((com.fasterxml.jackson.databind.node.ObjectNode) span).put("service", service);
                            found.add(span);
                        }
                    }
                }
            }
        }
        return found;
    }
}
