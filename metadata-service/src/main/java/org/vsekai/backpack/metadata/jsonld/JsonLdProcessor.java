package org.vsekai.backpack.metadata.jsonld;

import java.util.ArrayDeque;
import java.util.Optional;
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
        return run("expansion", inputNodes, () -> JsonLd.expand(document).options(options(options)).get());
    }

    public JsonObject compact(Document document, ContextInput context, ProcessingOptions options,
                              int inputNodes) {
        return run("compaction", inputNodes, () -> {
            CompactionApi api = JsonLd.compact(document, contextDocument(context));
            return api.options(options(options)).get();
        });
    }

    /** @param context null for the flattened expanded form */
    public JsonStructure flatten(Document document, ContextInput context, ProcessingOptions options,
                                 int inputNodes) {
        return run("flattening", inputNodes, () -> {
            FlatteningApi api = JsonLd.flatten(document).options(options(options));
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
        checkFrameable(document);
        return run("framing", inputNodes, () -> {
            FramingApi api = JsonLd.frame(document, frame).options(options(options));
            return api.get();
        });
    }

    /**
     * Framing (with @once, the default) may embed the whole graph once under every node the frame matches, so its
     * result can reach (node objects) x (values) before the growth limit could look at it: that bound must fit
     * within {@link JsonLdLimits#maxOutputNodes()}, or the document is not framed at all.
     */
    private void checkFrameable(Document document) {
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

    /**
     * Applies the namespace policy (docs/adr/0006, docs/adr/0011) to every context of the document: top-level,
     * embedded in nodes, property-scoped and type-scoped. Two contexts in force at one place that give one term
     * different IRIs, or a later one that redefines a protected term, are a 422 naming both. Runs on the workers
     * under the timeout, since it processes the contexts as expansion would.
     */
    public void checkTermCollisions(Document document) {
        JsonValue content = document.getJsonContent().orElse(JsonValue.EMPTY_JSON_OBJECT);
        Optional<TermCollisions.Collision> collision = execute("context processing",
                () -> TermCollisions.findIn(content, options(ProcessingOptions.defaults())));
        collision.ifPresent(found -> {
            throw JsonLdRejection.termCollision(found);
        });
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
        if (cause instanceof RuntimeException runtime) {
            return runtime;
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
            throw JsonLdRejection.outputTooLarge("The result of " + operation + " would hold more than " + allowed
                    + " JSON values for an input of " + inputNodes + " (at most " + limits.maxExpansionGrowth()
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
