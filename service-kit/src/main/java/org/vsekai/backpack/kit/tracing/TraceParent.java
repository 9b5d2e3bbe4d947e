package org.vsekai.backpack.kit.tracing;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C {@code traceparent} that work stored for later keeps (an outbox row, an ingest job), so that what runs it
 * later continues the trace of the request that stored it rather than one of a timer's.
 */
public final class TraceParent {

    public static final String HEADER = "traceparent";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParent() {
    }

    /** The current span's context as a {@code traceparent} value; null when no valid span is current. */
    public static String current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The context {@code traceparent} names, as a parent for the span that sends the record. */
    public static Context context(String traceparent) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceparent), GETTER);
    }
}
