package org.vsekai.backpack.kit.tracing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.opentelemetry.api.trace.Span;

/** A test-only resource that tells which trace the request it serves belongs to. */
@Path("/test-only/trace")
public class TraceResource {

    @GET
    public String traceId() {
        return Span.current().getSpanContext().getTraceId();
    }
}
