package org.vsekai.backpack.metadata.jsonld;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.api.CompactionApi;
import com.apicatalog.jsonld.api.FlatteningApi;
import com.apicatalog.jsonld.api.FramingApi;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;

/**
 * The JSON-LD API (expand, compact, flatten, frame) over Titanium, bounded: every call runs on a small worker pool
 * under the configured timeout, contexts come only from the loader it was made with, and a result larger than the
 * growth limit allows is refused. Failures are {@link JsonLdRejection}s carrying the JSON-LD error code.
 */
public final class JsonLdProcessor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JsonLdProcessor.class);

    /** Room for the keywords and blank-node labels expansion and flattening add around a value. */
    private static final int CHARS_ADDED_PER_VALUE = 16;

    private final DocumentLoader loader;
    private final JsonLdLimits limits;
    private final ThreadPoolExecutor workers;

    public JsonLdProcessor(DocumentLoader loader, JsonLdLimits limits) {
        this.loader = loader;
        this.limits = limits;
        this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.queue()), daemonThreads(), new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * @param inputNodes JSON values of everything the caller handed in (document, context, frame), for the
     *                   growth limit; {@link BoundedJsonReader} counts them
     */
    public JsonArray expand(Document document, ProcessingOptions options, int inputNodes) {
        JsonLdOptions settings = options(options);
        return run("expansion", inputNodes, () -> {
            prepare("expansion", settings, false, 1, document);
            return JsonLd.expand(document).options(settings).get();
        });
    }

    /**
     * Expansion of a document to be stored, which must also keep to the namespace policy (docs/adr/0006,
     * docs/adr/0011): two contexts in force at one place that give one term different IRIs, or a later one that
     * redefines a protected term, are a 422 naming both. One task under one time limit does both.
     */
    public JsonArray expandToStore(Document document, int inputNodes) {
        JsonLdOptions settings = options(ProcessingOptions.defaults());
        return run("expansion", inputNodes, () -> {
            prepare("expansion", settings, true, 1, document);
            return JsonLd.expand(document).options(settings).get();
        });
    }

    public JsonObject compact(Document document, ContextInput context, ProcessingOptions options,
                              int inputNodes) {
        JsonLdOptions settings = options(options);
        return run("compaction", inputNodes, () -> {
            prepare("compaction", settings, false, 1, document);
            CompactionApi api = JsonLd.compact(document, contextDocument(context));
            return api.options(settings).get();
        });
    }

    /** @param context null for the flattened expanded form */
    public JsonStructure flatten(Document document, ContextInput context, ProcessingOptions options,
                                 int inputNodes) {
        JsonLdOptions settings = options(options);
        return run("flattening", inputNodes, () -> {
            prepare("flattening", settings, false, 1, document);
            FlatteningApi api = JsonLd.flatten(document).options(settings);
            if (context != null) {
                api.context(contextDocument(context));
            }
            return api.get();
        });
    }

    public JsonObject frame(Document document, Document frame, ProcessingOptions options, int inputNodes) {
        if (!limits.embedAlways() && asksToEmbedAlways(frame)) {
            throw JsonLdRejection.embedAlways();
        }
        long objects = checkFrameable(document);
        JsonLdOptions settings = options(options);
        return run("framing", inputNodes, () -> {
            // every node object of the document may receive a copy of the whole graph
            prepare("framing", settings, false, Math.max(1, objects), document, frame);
            FramingApi api = JsonLd.frame(document, frame).options(settings);
            return api.get();
        });
    }

    /**
     * Framing (with @once, the default) may embed the whole graph once under every node the frame matches, so its
     * result can reach (node objects) x (values) before the growth limit could look at it: that bound must fit
     * within {@link JsonLdLimits#maxOutputNodes()}, or the document is not framed at all.
     */
    private long checkFrameable(Document document) {
        JsonValue content = document.getJsonContent().orElse(JsonValue.EMPTY_JSON_OBJECT);
        long objects = 0;
        long values = 0;
        ArrayDeque<JsonValue> pending = new ArrayDeque<>();
        pending.push(content);
        while (!pending.isEmpty()) {
            JsonValue next = pending.pop();
            values++;
            if (next.getValueType() == JsonValue.ValueType.OBJECT) {
                objects++;
                next.asJsonObject().values().forEach(pending::push);
            } else if (next.getValueType() == JsonValue.ValueType.ARRAY) {
                next.asJsonArray().forEach(pending::push);
            }
        }
        if (objects * values > limits.maxOutputNodes()) {
            throw JsonLdRejection.tooLargeToFrame("A document of " + objects + " objects and " + values
                    + " JSON values may frame to " + objects * values + " values, more than the "
                    + limits.maxOutputNodes() + " a result may hold; frame a smaller document");
        }
        return objects;
    }

    /**
     * Walks the contexts of the documents before the processor starts (docs/adr/0013): refuses a term collision if
     * asked to, and a document whose result could hold more characters than {@link JsonLdLimits#maxOutputChars()}.
     * Expansion turns each key and string into at most itself plus one IRI a context maps a term, the vocabulary or
     * the base to, plus a few characters of keywords and labels: a context with one 200 kB prefix and 80,000 values
     * using it makes 16 GB of strings from 1 MB, which the node limits cannot see since the number of values does not
     * change. The processor then gets what is left of the time limit, so that the request as a whole keeps to it.
     *
     * @param copies how many times the result may repeat the expanded document (framing)
     */
    private void prepare(String operation, JsonLdOptions settings, boolean refuseCollisions, long copies,
                         Document... documents) throws JsonLdError {
        long started = System.nanoTime();
        long bound = 0;
        int longestIri = 0;
        for (int i = 0; i < documents.length; i++) {
            boolean refuse = refuseCollisions && i == 0;
            TermCollisions.Findings findings = TermCollisions.survey(documents[i], settings, refuse);
            if (refuse && findings.collision().isPresent()) {
                throw JsonLdRejection.termCollision(findings.collision().get());
            }
            longestIri = Math.max(longestIri, findings.longestIri());
            JsonValue content = documents[i].getJsonContent().orElse(JsonValue.EMPTY_JSON_OBJECT);
            bound = saturatedAdd(bound, expandedCharsBound(content, findings.longestIri()));
        }
        bound = copies > 1 && bound > Long.MAX_VALUE / copies ? Long.MAX_VALUE : bound * copies;
        if (bound > limits.maxOutputChars()) {
            throw JsonLdRejection.outputTooLarge("output-size", "The result of " + operation + " could hold up to "
                    + bound + " characters (its keys and strings, each with an IRI of up to " + longestIri
                    + " characters its contexts define), more than the " + limits.maxOutputChars() + " allowed");
        }
        Duration left = limits.timeout().minusNanos(System.nanoTime() - started);
        if (left.isNegative() || left.isZero()) {
            throw new JsonLdError(JsonLdErrorCode.PROCESSING_TIMEOUT_EXCEEDED, operation + " ran out of time");
        }
        settings.setTimeout(left);
    }

    static long expandedCharsBound(JsonValue content, int longestIri) {
        long chars = 0;
        ArrayDeque<JsonValue> pending = new ArrayDeque<>();
        pending.push(content);
        while (!pending.isEmpty()) {
            JsonValue next = pending.pop();
            chars += CHARS_ADDED_PER_VALUE;
            switch (next.getValueType()) {
                case OBJECT -> {
                    for (var member : next.asJsonObject().entrySet()) {
                        chars += member.getKey().length() + longestIri;
                        pending.push(member.getValue());
                    }
                }
                case ARRAY -> next.asJsonArray().forEach(pending::push);
                case STRING -> chars += ((JsonString) next).getString().length() + longestIri;
                default -> {
                    // numbers and literals stay as they are
                }
            }
        }
        return chars;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Looks for the value {@code @always} anywhere in the frame rather than only under {@code @embed}, since a frame
     * may alias the keyword; a frame matching the plain string "@always" is refused too, which costs nothing real.
     */
    private static boolean asksToEmbedAlways(Document frame) {
        ArrayDeque<JsonValue> pending = new ArrayDeque<>();
        frame.getJsonContent().ifPresent(pending::push);
        while (!pending.isEmpty()) {
            JsonValue next = pending.pop();
            switch (next.getValueType()) {
                case OBJECT -> next.asJsonObject().values().forEach(pending::push);
                case ARRAY -> next.asJsonArray().forEach(pending::push);
                case STRING -> {
                    if ("@always".equals(((JsonString) next).getString())) {
                        return true;
                    }
                }
                default -> {
                    // numbers and literals say nothing about embedding
                }
            }
        }
        return false;
    }

    /**
     * A named context is handed to Titanium as {@code {"@context": url}}: it is loaded through the loader all the
     * same, and the result names it by its URL instead of carrying the whole context (schema.org's is 200 kB).
     */
    private static Document contextDocument(ContextInput context) {
        if (context instanceof ContextInput.Named named) {
            return JsonDocument.of(Json.createObjectBuilder().add("@context", named.url().toString()).build());
        }
        return ((ContextInput.Inline) context).document();
    }

    private JsonLdOptions options(ProcessingOptions requested) {
        JsonLdOptions options = new JsonLdOptions(loader);
        requested.applyTo(options);
        // Titanium checks this itself as it goes; the wait below is the backstop for loops it does not check in.
        options.setTimeout(limits.timeout());
        return options;
    }

    @FunctionalInterface
    private interface Work<T> {
        T call() throws JsonLdError;
    }

    private <T extends JsonStructure> T run(String operation, int inputNodes, Work<T> work) {
        T result = execute(operation, work);
        checkGrowth(operation, result, inputNodes);
        return result;
    }

    private <T> T execute(String operation, Work<T> work) {
        Future<T> running;
        try {
            running = workers.submit(work::call);
        } catch (RejectedExecutionException e) {
            throw JsonLdRejection.busy();
        }
        T result;
        try {
            result = running.get(limits.timeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw JsonLdRejection.timeout(operation, limits.timeout());
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw JsonLdRejection.timeout(operation, limits.timeout());
        } catch (ExecutionException e) {
            throw failure(operation, e.getCause());
        }
        return result;
    }

    private RuntimeException failure(String operation, Throwable cause) {
        if (cause instanceof JsonLdError error) {
            return error.getCode() == JsonLdErrorCode.PROCESSING_TIMEOUT_EXCEEDED
                    ? JsonLdRejection.timeout(operation, limits.timeout())
                    : JsonLdRejection.of(error);
        }
        if (cause instanceof StackOverflowError) {
            // Input depth is checked before; a context can still make the algorithm recurse without end.
            return JsonLdRejection.of(new JsonLdError(JsonLdErrorCode.CONTEXT_OVERFLOW,
                    operation + " recursed too deeply"));
        }
        if (cause instanceof JsonLdRejection rejection) {
            return rejection;
        }
        if (cause instanceof RuntimeException runtime) {
            // Titanium failing inside on a document it should have refused (found by JsonLdFuzzTest: a node with
            // both "type" and "@type" compacted to a ClassCastException): the document is what cannot be processed,
            // a 422 rather than a 500. Logged, since it may be a bug of ours too.
            LOG.warnf(runtime, "JSON-LD %s failed inside the processor", operation);
            return JsonLdRejection.of(new JsonLdError(JsonLdErrorCode.UNSPECIFIED, operation
                    + " failed inside the processor on this document (" + runtime.getClass().getSimpleName() + ")"));
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(operation + " failed", cause);
    }

    private void checkGrowth(String operation, JsonStructure result, int inputNodes) {
        long allowed = Math.min(limits.maxOutputNodes(),
                Math.max(limits.minOutputNodes(), (long) inputNodes * limits.maxExpansionGrowth()));
        int nodes = BoundedJsonReader.count(result, (int) allowed);
        if (nodes > allowed) {
            throw JsonLdRejection.outputTooLarge("expansion-growth", "The result of " + operation
                    + " would hold more than " + allowed + " JSON values for an input of " + inputNodes
                    + " (at most " + limits.maxExpansionGrowth()
                    + " times the input, " + limits.maxOutputNodes() + " in all)");
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "jsonld-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
