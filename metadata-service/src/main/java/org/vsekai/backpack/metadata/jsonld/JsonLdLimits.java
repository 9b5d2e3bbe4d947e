package org.vsekai.backpack.metadata.jsonld;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one JSON-LD request may cost. Input is measured before the processor sees it (size, nesting depth and
 * number of JSON values); the processor's work is bounded by a timeout on a small worker pool; its output is
 * measured before it is answered (expansion growth).
 */
@ConfigMapping(prefix = "backpack.metadata.jsonld")
public interface JsonLdLimits {

    /** Largest request body, in bytes; larger is a 413. */
    @WithDefault("1048576")
    int maxDocumentBytes();

    /** Deepest nesting of arrays and objects in a request body (the body's own object counts as 1). */
    @WithDefault("64")
    int maxDepth();

    /** Most JSON values (objects, arrays, strings, numbers, literals) in a request body. */
    @WithDefault("100000")
    int maxNodes();

    /**
     * Most JSON values one result may hold, relative to the input: a result may have this many times the input's
     * values (but never fewer than {@link #minOutputNodes()}), which catches a context that multiplies the document.
     */
    @WithDefault("20")
    int maxExpansionGrowth();

    /** A result may always have this many JSON values, however small its input: small documents grow by design. */
    @WithDefault("10000")
    int minOutputNodes();

    /** Most JSON values in any result, whatever the input. */
    @WithDefault("500000")
    int maxOutputNodes();

    /**
     * Most characters of keys and strings one result may hold, estimated before the processor starts from the input's
     * keys and strings and the longest IRI its contexts define: a long prefix used by many short values grows the
     * characters, not the values, so {@link #maxExpansionGrowth()} cannot catch it before memory is gone.
     */
    @WithDefault("33554432")
    long maxOutputChars();

    /**
     * Whether a frame may ask for {@code "@embed": "@always"}, which copies a node into every place that refers to
     * it: a small graph of shared references then frames to an exponentially large tree, built in memory faster
     * than the timeout can stop it. Off, such a frame is a 422; the other embed modes grow with the input only.
     */
    @WithDefault("false")
    boolean embedAlways();

    /** Longest time the processor may work on one request. */
    @WithDefault("5s")
    Duration timeout();

    /** Threads that run the processor; a hostile document can hold at most these. */
    @WithDefault("2")
    int workers();

    /** Requests that may wait for a worker; beyond this the service answers 503. */
    @WithDefault("32")
    int queue();
}
