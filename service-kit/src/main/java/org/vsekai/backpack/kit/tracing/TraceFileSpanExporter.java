package org.vsekai.backpack.kit.tracing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupUnlessProperty;

/**
 * Appends the finished spans to the file {@value #FILE} names, one OTLP/JSON {@code ExportTraceServiceRequest} per
 * line: OpenTelemetry's file format (the collector's {@code otlpjsonfile} receiver reads it). {@code ./backpack up
 * --traces FILE} hands all five services the same file: each batch is one write to a file opened for appending,
 * which the kernel keeps whole between processes, so their lines interleave but never mix. Only a service given the
 * property looks this bean up (an empty value counts as none); with it, Quarkus' OTLP exporter stays off as it does
 * for {@link NoCollectorSpanExporter}, so a file and a collector are alternatives.
 */
@Singleton
@Unremovable
@LookupUnlessProperty(name = TraceFileSpanExporter.FILE, stringValue = "", lookupIfMissing = false)
public class TraceFileSpanExporter implements SpanExporter {

    /** The file to append to. */
    public static final String FILE = "backpack.traces.file";

    private static final Logger LOG = Logger.getLogger(TraceFileSpanExporter.class);

    private final Path file;
    private FileChannel channel;
    private boolean failed;

    // Optional: the bean is made only when the file is named, but its injection point is checked in every service.
    public TraceFileSpanExporter(@ConfigProperty(name = FILE) Optional<String> file) {
        this.file = Path.of(file.orElse("traces.jsonl"));
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        if (spans.isEmpty()) {
            return CompletableResultCode.ofSuccess();
        }
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            TraceRequestMarshaler.create(spans).writeJsonTo(line);
            line.write('\n');
            ByteBuffer bytes = ByteBuffer.wrap(line.toByteArray());
            FileChannel out = channel();
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            if (!failed) { // once: a full disk would otherwise log on every batch
                LOG.warnf("Spans could not be written to %s: %s", file, e.getMessage());
                failed = true;
            }
            return CompletableResultCode.ofFailure();
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        return channel;
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        closeFile();
        return CompletableResultCode.ofSuccess();
    }

    @PreDestroy
    synchronized void closeFile() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing is buffered here: every batch was written whole
            }
            channel = null;
        }
    }
}
