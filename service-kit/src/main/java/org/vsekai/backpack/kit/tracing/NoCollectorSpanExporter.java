package org.vsekai.backpack.kit.tracing;

import java.util.Collection;

import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterConfig;

/**
 * Takes the finished spans while no OTLP collector is named, that is while the traces endpoint is still Quarkus'
 * default, which Quarkus itself treats as "not configured". Spans are still made and their context still travels
 * in HTTP and Kafka headers; they just leave no process. Quarkus starts its OTLP exporter only when no
 * SpanExporter bean can be looked up, so naming a collector ({@code quarkus.otel.exporter.otlp.endpoint}, or
 * {@code ...otlp.traces.endpoint}) hides this bean and brings the OTLP exporter back; any value but the default
 * {@code http://localhost:4317/}, even {@code http://localhost:4317}, counts as named. Without this bean the OTLP
 * exporter would log a failed export for every batch; {@code quarkus.otel.sdk.disabled=true} would silence it but
 * also stop the trace headers, and {@code quarkus.otel.exporter.otlp.enabled} is fixed at build time.
 */
@Singleton
@Unremovable
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint",
        stringValue = OtlpExporterConfig.DEFAULT_GRPC_BASE_URI)
public class NoCollectorSpanExporter implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
