package org.vsekai.backpack.metadata.jsonld;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.context.TermDefinition;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import com.apicatalog.jsonld.processor.ProcessingRuntime;

/**
 * Walks every context a document applies and finds the first term that two contexts in force at one place define for
 * different IRIs (docs/adr/0006), and the longest IRI any of them maps a term, the vocabulary or the base to (which
 * bounds what one string of the document can expand to, docs/adr/0013). Contexts are taken in the order JSON-LD
 * applies them: the top-level {@code @context}, then, going down the tree, a property's scoped context for that
 * property's values, a node's embedded {@code @context}, and the type-scoped contexts of the node's types. Each one is
 * processed by Titanium on top of the contexts in force where it appears, with protection overridden so that the
 * later definition can be seen and compared instead of failing anonymously; the protected flag of the earlier
 * definition then tells which kind of collision it is. Redefining a term to the same IRI is allowed.
 */
final class TermCollisions {

    /**
     * @param protectedTerm whether the earlier definition was protected (a {@code @protected} context such as
     *                      Backpack's), as opposed to two unprotected contexts disagreeing
     */
    record Collision(String term, String earlierIri, String earlierContext, String laterIri, String laterContext,
                     boolean protectedTerm) {
    }

    /** The contexts in force at one place: Titanium's active context, and which context defined each term. */
    private record Scope(ActiveContext active, Map<String, String> definedBy) {
    }

    /**
     * What a walk found.
     *
     * @param collision  the first collision, if any
     * @param longestIri the length of the longest IRI a context applied anywhere in the document maps a term, the
     *                   vocabulary or the base to (0 without contexts)
     */
    record Findings(Optional<Collision> collision, int longestIri) {
    }

    /** Thrown up the walk when a collision is found and the caller wants only that; carries no stack trace. */
    private static final class Found extends Exception {
        private final transient Collision collision;

        Found(Collision collision) {
            super(null, null, false, false);
            this.collision = collision;
        }
    }

    /** State of one walk. */
    private static final class Walk {
        private final JsonLdOptions options;
        private final boolean stopAtCollision;
        private final long deadline;
        /**
         * Scoped contexts already applied on top of a scope, by identity: one used by 25,000 sibling nodes is
         * processed once, not 25,000 times (what it finds cannot differ). Each entry keeps a copy of a whole active
         * context alive until the walk ends, so there are at most {@link TermCollisions#MEMO_LIMIT}; past that, contexts are
         * processed every time, and the time limit bounds the cost.
         */
        private final Map<Scope, Map<JsonValue, Scope>> applied = new IdentityHashMap<>();
        private int memoised;
        private Collision first;
        private int longestIri;

        Walk(JsonLdOptions options, boolean stopAtCollision) {
            this.options = options;
            this.stopAtCollision = stopAtCollision;
            this.deadline = options.getTimeout() == null ? Long.MAX_VALUE
                    : System.nanoTime() + options.getTimeout().toNanos();
        }

        /** The walk runs outside Titanium's own clock, so it keeps the same time limit and stops when cancelled. */
        void tick() throws JsonLdError {
            if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                throw new JsonLdError(JsonLdErrorCode.PROCESSING_TIMEOUT_EXCEEDED,
                        "walking the contexts took longer than " + options.getTimeout());
            }
        }

        void reach(String iri) {
            if (iri != null) {
                longestIri = Math.max(longestIri, iri.length());
            }
        }

        void reach(URI iri) {
            if (iri != null) {
                reach(iri.toString());
            }
        }
    }

    /** Most scoped-context results one walk keeps (see {@link Walk#applied}). */
    private static final int MEMO_LIMIT = 64;

    private TermCollisions() {
    }

    /**
     * Walks the whole document.
     *
     * @param stopAtCollision whether to stop at the first collision (its longest IRI is then only as far as walked)
     */
    static Findings survey(Document document, JsonLdOptions options, boolean stopAtCollision) throws JsonLdError {
        Walk state = new Walk(options, stopAtCollision);
        // The bases as Titanium's expansion takes them: the base option before the document's URL for IRIs, the
        // document's URL first for relative context URLs.
        URI baseUrl = document.getDocumentUrl() != null ? document.getDocumentUrl() : options.getBase();
        URI baseIri = options.getBase() != null ? options.getBase() : document.getDocumentUrl();
        state.reach(baseIri);
        Scope root = new Scope(new ActiveContext(baseIri, baseUrl, ProcessingRuntime.of(options)), Map.of());
        try {
            if (options.getExpandContext() != null) {
                Document expandContext = options.getExpandContext();
                JsonValue context = expandContext.getJsonContent().orElse(JsonValue.EMPTY_JSON_OBJECT);
                if (context.getValueType() == JsonValue.ValueType.OBJECT
                        && context.asJsonObject().containsKey("@context")) {
                    context = context.asJsonObject().get("@context");
                }
                root = applyOnce(root, context, expandContext.getDocumentUrl(), "expandContext ", state);
            }
            walk(document.getJsonContent().orElse(JsonValue.EMPTY_JSON_OBJECT), root, baseUrl, "", state);
        } catch (Found found) {
            return new Findings(Optional.of(found.collision), state.longestIri);
        }
        return new Findings(Optional.ofNullable(state.first), state.longestIri);
    }

    private static void walk(JsonValue value, Scope scope, URI baseUrl, String path, Walk state)
            throws JsonLdError, Found {
        state.tick();
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            int i = 0;
            for (JsonValue item : value.asJsonArray()) {
                walk(item, scope, baseUrl, path + "/" + i++, state);
            }
            return;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return;
        }
        JsonObject node = value.asJsonObject();
        if (node.containsKey("@value")) {
            return; // a value object holds no node and takes no context
        }
        Scope here = scope;
        if (node.containsKey("@context")) {
            // an embedded context appears once in the document: nothing to remember
            here = applyOnce(here, node.get("@context"), baseUrl,
                    path.isEmpty() ? "" : "embedded at " + path + " ", state);
        }
        // Type-scoped contexts apply to this node's own keys only (they do not propagate to nested nodes).
        Scope typed = here;
        for (String type : types(node, here)) {
            TermDefinition definition = here.active().getTerm(type).orElse(null);
            if (definition != null && definition.hasLocalContext()) {
                typed = applyScoped(typed, definition.getLocalContext(), definition.getBaseUrl(),
                        "scoped to type \"" + type + "\" ", state);
            }
        }
        for (Map.Entry<String, JsonValue> entry : node.entrySet()) {
            String key = entry.getKey();
            if ("@context".equals(key) || "@id".equals(key) || "@type".equals(key)) {
                continue;
            }
            TermDefinition definition = typed.active().getTerm(key).orElse(null);
            if (definition != null && isKeyword(definition.getUriMapping(), "@id", "@type", "@value", "@language")) {
                continue;
            }
            if (definition != null && "@json".equals(definition.getTypeMapping())) {
                continue; // a JSON literal is data, whatever it looks like
            }
            Scope child = here;
            if (definition != null && definition.hasLocalContext()) {
                child = applyScoped(child, definition.getLocalContext(), definition.getBaseUrl(),
                        "scoped to property \"" + key + "\" ", state);
            }
            walk(entry.getValue(), child, baseUrl, path + "/" + key, state);
        }
    }

    /** The node's types, read through {@code @type} and any alias of it, as written (terms or IRIs). */
    private static List<String> types(JsonObject node, Scope scope) {
        List<String> types = new ArrayList<>();
        for (Map.Entry<String, JsonValue> entry : node.entrySet()) {
            String key = entry.getKey();
            boolean typeKey = "@type".equals(key) || scope.active().getTerm(key)
                    .map(definition -> "@type".equals(definition.getUriMapping())).orElse(false);
            if (!typeKey) {
                continue;
            }
            JsonValue value = entry.getValue();
            List<JsonValue> values = value.getValueType() == JsonValue.ValueType.ARRAY
                    ? value.asJsonArray() : List.of(value);
            for (JsonValue type : values) {
                if (type instanceof JsonString name) {
                    types.add(name.getString());
                }
            }
        }
        types.sort(null); // JSON-LD applies type-scoped contexts in lexicographical order of the types
        return types;
    }

    private static boolean isKeyword(String iri, String... keywords) {
        for (String keyword : keywords) {
            if (keyword.equals(iri)) {
                return true;
            }
        }
        return false;
    }

    /** A term's scoped context, which every use of the term applies again: remembered, within the limit. */
    private static Scope applyScoped(Scope scope, JsonValue context, URI baseUrl, String where, Walk state)
            throws JsonLdError, Found {
        Map<JsonValue, Scope> done = state.applied.get(scope);
        Scope known = done == null ? null : done.get(context);
        if (known != null) {
            return known;
        }
        Scope result = applyOnce(scope, context, baseUrl, where, state);
        if (state.memoised < MEMO_LIMIT) {
            state.applied.computeIfAbsent(scope, key -> new IdentityHashMap<>()).put(context, result);
            state.memoised++;
        }
        return result;
    }

    /**
     * Processes a {@code @context} value entry by entry on top of {@code scope}, comparing every term an entry
     * (re)defines with the definition in force before it.
     */
    private static Scope applyOnce(Scope scope, JsonValue context, URI baseUrl, String where, Walk state)
            throws JsonLdError, Found {
        List<JsonValue> entries = context.getValueType() == JsonValue.ValueType.ARRAY
                ? new ArrayList<>(context.asJsonArray()) : List.of(context);
        ActiveContext active = scope.active();
        Map<String, String> definedBy = new HashMap<>(scope.definedBy());
        for (int i = 0; i < entries.size(); i++) {
            JsonValue entry = entries.get(i);
            if (entry.getValueType() == JsonValue.ValueType.NULL) {
                // A reset: Titanium refuses it while protected terms are active; otherwise nothing is left to clash.
                // Overridden as for a property-scoped context, where a reset is allowed: this walk only looks.
                active = active.newContext().overrideProtected(true).create(entry, baseUrl);
                definedBy.clear();
                continue;
            }
            state.tick();
            String source = describe(entry, i, where);
            Inlined inlined = inline(entry, baseUrl, state.options);
            ActiveContext next = active.newContext().overrideProtected(true).create(inlined.context(), inlined.base());
            state.reach(next.getVocabularyMapping());
            state.reach(next.getBaseUri());
            for (String term : next.getTerms()) {
                Optional<TermDefinition> before = active.getTerm(term);
                TermDefinition after = next.getTerm(term).orElse(null);
                if (after == null || before.isPresent() && before.get() == after) {
                    continue; // inherited unchanged
                }
                state.reach(after.getUriMapping());
                if (before.isPresent()) {
                    Optional<Collision> collision = compare(term, before.get(), definedBy.get(term), after, source);
                    if (collision.isPresent() && state.stopAtCollision) {
                        throw new Found(collision.get());
                    }
                    if (collision.isPresent() && state.first == null) {
                        state.first = collision.get();
                    }
                }
                definedBy.putIfAbsent(term, source);
            }
            active = next;
        }
        return new Scope(active, definedBy);
    }

    /** A context entry to process, and the URL its relative references resolve against. */
    private record Inlined(JsonValue context, URI base) {
    }

    /**
     * A context named by URL, replaced by what it holds: Titanium processes a loaded context without the override
     * of protection, so its redefinitions must be seen inline. A URL the loader refuses is left for Titanium to fail
     * with its own error code.
     */
    private static Inlined inline(JsonValue entry, URI baseUrl, JsonLdOptions options) {
        if (!(entry instanceof JsonString url)) {
            return new Inlined(entry, baseUrl);
        }
        URI uri;
        try {
            uri = URI.create(url.getString());
            if (!uri.isAbsolute() && baseUrl != null) {
                uri = baseUrl.resolve(uri);
            }
        } catch (IllegalArgumentException e) {
            return new Inlined(entry, baseUrl);
        }
        if (!uri.isAbsolute()) {
            return new Inlined(entry, baseUrl);
        }
        Document loaded;
        try {
            loaded = options.getDocumentLoader().loadDocument(uri, new DocumentLoaderOptions());
        } catch (JsonLdError | RuntimeException e) {
            return new Inlined(entry, baseUrl);
        }
        JsonValue content = loaded.getJsonContent().orElse(JsonValue.EMPTY_JSON_OBJECT);
        if (content.getValueType() == JsonValue.ValueType.OBJECT && content.asJsonObject().containsKey("@context")) {
            return new Inlined(content.asJsonObject().get("@context"),
                    loaded.getDocumentUrl() != null ? loaded.getDocumentUrl() : uri);
        }
        return new Inlined(entry, baseUrl);
    }

    private static Optional<Collision> compare(String term, TermDefinition before, String beforeSource,
                                               TermDefinition after, String afterSource) {
        String earlier = before.getUriMapping();
        String later = after.getUriMapping();
        if (later == null) {
            // "term": null undefines it; for a protected term Titanium itself refuses that below.
            return Optional.empty();
        }
        boolean sameIri = Objects.equals(earlier, later) && before.isReverseProperty() == after.isReverseProperty();
        if (before.isProtected()) {
            boolean same = sameIri && Objects.equals(before.getTypeMapping(), after.getTypeMapping())
                    && sameContainers(before.getContainerMapping(), after.getContainerMapping());
            return same ? Optional.empty() : Optional.of(new Collision(term, describe(before), beforeSource,
                    describe(after), afterSource, true));
        }
        return sameIri ? Optional.empty() : Optional.of(new Collision(term, describe(before), beforeSource,
                describe(after), afterSource, false));
    }

    private static boolean sameContainers(Collection<String> a, Collection<String> b) {
        return (a == null ? List.of() : List.copyOf(a)).containsAll(b == null ? List.of() : b)
                && (b == null ? List.of() : List.copyOf(b)).containsAll(a == null ? List.of() : a);
    }

    private static String describe(TermDefinition definition) {
        String iri = definition.getUriMapping() == null ? "(no IRI)" : definition.getUriMapping();
        String type = definition.getTypeMapping() == null ? "" : " (@type " + definition.getTypeMapping() + ")";
        return (definition.isReverseProperty() ? "reverse of " : "") + iri + type;
    }

    private static String describe(JsonValue entry, int index, String where) {
        if (entry instanceof JsonString url) {
            return "context " + url.getString() + (where.isEmpty() ? "" : " (" + where.strip() + ")");
        }
        return "the inline context " + where + "at @context[" + index + "]";
    }
}
