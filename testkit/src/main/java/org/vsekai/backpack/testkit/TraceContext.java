package org.vsekai.backpack.testkit;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** A fresh W3C trace context for a test to send as the {@code traceparent} header and then look for. */
public record TraceContext(String traceId, String parentSpanId) {

    public static final String HEADER = "traceparent";

    public static TraceContext random() {
        return new TraceContext(randomHex(16), randomHex(8));
    }

    /** The sampled {@code traceparent} value: version 00, this trace, this parent span, flags 01. */
    public String traceparent() {
        return "00-" + traceId + "-" + parentSpanId + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
