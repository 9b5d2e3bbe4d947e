package org.vsekai.backpack.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class TraceExportTest {

    @Test
    void aPathIsAFileEveryServiceAppendsTo() {
        TraceExport export = TraceExport.parse("target/spans.jsonl", "grpc");

        assertThat(export).isInstanceOf(TraceExport.File.class);
        assertThat(export.properties())
                .containsExactly("backpack.traces.file=" + Path.of("target/spans.jsonl").toAbsolutePath());
    }

    @Test
    void anHttpUrlIsACollectorWithItsProtocol() {
        assertThat(TraceExport.parse("http://collector:4317", "grpc").properties()).containsExactly(
                "quarkus.otel.exporter.otlp.traces.endpoint=http://collector:4317",
                "quarkus.otel.exporter.otlp.traces.protocol=grpc");
        assertThat(TraceExport.parse("HTTPS://otel.example:4318/v1/traces", "http/protobuf").properties())
                .contains("quarkus.otel.exporter.otlp.traces.protocol=http/protobuf");
    }

    @Test
    void noExportHandsTheServicesNothing() {
        assertThat(TraceExport.NONE.properties()).isEmpty();
        assertThat(SuiteOptions.defaults(Path.of(".")).traces()).isEqualTo(TraceExport.NONE);
    }

    @Test
    void refusesWhatNoExporterTakes() {
        assertThatThrownBy(() -> TraceExport.parse("http://collector:4317", "thrift"))
                .hasMessageContaining("[grpc, http/protobuf]");
        assertThatThrownBy(() -> TraceExport.parse(" ", "grpc")).hasMessageContaining("a file or an http(s) URL");
        assertThatThrownBy(() -> TraceExport.parse("http:///v1/traces", "grpc")).hasMessageContaining("no host");
    }
}
