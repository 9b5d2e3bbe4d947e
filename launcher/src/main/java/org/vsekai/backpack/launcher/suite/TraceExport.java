package org.vsekai.backpack.launcher.suite;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the five services send their spans ({@code ./backpack up --traces FILE|URL}): nowhere (spans are made and
 * their context travels, but they leave no process), one local file all services append OTLP/JSON lines to (the
 * service kit's TraceFileSpanExporter), or an OTLP collector.
 */
public sealed interface TraceExport {

    /** The configuration each service is handed, as {@code name=value}. */
    List<String> properties();

    /** What {@code ./backpack up} prints about it. */
    String describe();

    None NONE = new None();

    /** An http(s) URL is a collector's endpoint (OTLP over {@code protocol}); anything else is a file. */
    static TraceExport parse(String target, String protocol) {
        Objects.requireNonNull(target, "target");
        if (target.isBlank()) {
            throw new IllegalArgumentException("--traces needs a file or an http(s) URL");
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new Otlp(URI.create(target), protocol);
        }
        return new File(Path.of(target).toAbsolutePath().normalize());
    }

    record None() implements TraceExport {
        @Override
        public List<String> properties() {
            return List.of();
        }

        @Override
        public String describe() {
            return "not exported (./backpack up --traces FILE|URL)";
        }
    }

    record File(Path path) implements TraceExport {
        @Override
        public List<String> properties() {
            return List.of("backpack.traces.file=" + path);
        }

        @Override
        public String describe() {
            return path + " (OTLP/JSON, one export per line)";
        }
    }

    /** @param protocol {@code grpc} (port 4317 by convention) or {@code http/protobuf} (4318) */
    record Otlp(URI endpoint, String protocol) implements TraceExport {
        public static final List<String> PROTOCOLS = List.of("grpc", "http/protobuf");

        public Otlp {
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("the OTLP protocol is one of " + PROTOCOLS + ", not " + protocol);
            }
            if (endpoint.getHost() == null) {
                throw new IllegalArgumentException("the OTLP endpoint " + endpoint + " has no host");
            }
        }

        @Override
        public List<String> properties() {
            return List.of("quarkus.otel.exporter.otlp.traces.endpoint=" + endpoint,
                    "quarkus.otel.exporter.otlp.traces.protocol=" + protocol);
        }

        @Override
        public String describe() {
            return endpoint + " (OTLP " + protocol + ")";
        }
    }
}
