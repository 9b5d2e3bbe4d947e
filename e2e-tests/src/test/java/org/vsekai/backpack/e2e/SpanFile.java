package org.vsekai.backpack.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The spans the five services appended to the file {@code ./backpack up --traces FILE} names: OTLP/JSON, one
 * {@code ExportTraceServiceRequest} per line, as any OpenTelemetry tool reads it. The file is how spans leave
 * separate processes without a collector to run, and it is the export users get, so the test reads what they would.
 */
final class SpanFile {

    /** One span, with the service (resource {@code service.name}) that made it. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
                long startNanos) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    SpanFile(Path file) {
        this.file = file;
    }

    /** The spans of one trace, by start time. */
    List<Span> trace(String traceId) {
        List<Span> spans = new ArrayList<>();
        if (!Files.exists(file)) {
            return spans;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                for (JsonNode resource : JSON.readTree(line).path("resourceSpans")) {
                    String service = "";
                    for (JsonNode attribute : resource.path("resource").path("attributes")) {
                        if ("service.name".equals(attribute.path("key").asText())) {
                            service = attribute.path("value").path("stringValue").asText();
                        }
                    }
                    for (JsonNode scope : resource.path("scopeSpans")) {
                        for (JsonNode span : scope.path("spans")) {
                            if (traceId.equals(span.path("traceId").asText())) {
                                spans.add(new Span(service, traceId, span.path("spanId").asText(),
                                        span.path("parentSpanId").asText(""), span.path("name").asText(),
                                        span.path("kind").asText(), span.path("startTimeUnixNano").asLong()));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spans.sort(Comparator.comparingLong(Span::startNanos));
        return spans;
    }

    /** The services on the way from {@code span} up to the trace's root, nearest first, each once per run of them. */
    static List<String> servicesUpFrom(Span span, List<Span> trace) {
        Map<String, Span> byId = new HashMap<>();
        trace.forEach(s -> byId.put(s.spanId(), s));
        List<String> services = new ArrayList<>();
        for (Span at = span; at != null; at = byId.get(at.parentSpanId())) {
            if (services.isEmpty() || !services.get(services.size() - 1).equals(at.service())) {
                services.add(at.service());
            }
        }
        return services;
    }

    /** Spans whose parent is neither in the trace nor {@code rootParent}: where the chain would be broken. */
    static List<Span> orphans(List<Span> trace, String rootParent) {
        Map<String, Span> byId = new HashMap<>();
        trace.forEach(s -> byId.put(s.spanId(), s));
        return trace.stream().filter(s -> !s.parentSpanId().equals(rootParent) && !byId.containsKey(s.parentSpanId()))
                .toList();
    }
}
