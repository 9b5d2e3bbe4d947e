package org.vsekai.backpack.metadata.jsonld;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.context.TermDefinition;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import com.apicatalog.jsonld.processor.ProcessingRuntime;

/**
 * Finds the first term that two contexts in force at one place of a document define for different IRIs
 * (docs/adr/0006). Contexts are taken in the order JSON-LD applies them: the top-level {@code @context}, then, going
 * down the tree, a property's scoped context for that property's values, a node's embedded {@code @context}, and
 * the type-scoped contexts of the node's types. Each one is processed by Titanium on top of the contexts in force
 * where it appears, with protection overridden so that the later definition can be seen and compared instead of
 * failing anonymously; the protected flag of the earlier definition then tells which kind of collision it is.
 * Redefining a term to the same IRI is allowed.
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

    /** Thrown up the walk when a collision is found; carries no stack trace. */
    private static final class Found extends Exception {
        private final transient Collision collision;

        Found(Collision collision) {
            super(null, null, false, false);
            this.collision = collision;
        }
    }

    private TermCollisions() {
    }

    /** The first collision in a whole document: every node object's contexts, at every depth. */
    static Optional<Collision> findIn(JsonValue document, JsonLdOptions options) throws JsonLdError {
        Scope root = new Scope(new ActiveContext(ProcessingRuntime.of(options)), Map.of());
        try {
            walk(document, root, "", options);
            return Optional.empty();
        } catch (Found found) {
            return Optional.of(found.collision);
        }
    }

    private static void walk(JsonValue value, Scope scope, String path, JsonLdOptions options)
            throws JsonLdError, Found {
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            int i = 0;
            for (JsonValue item : value.asJsonArray()) {
                walk(item, scope, path + "/" + i++, options);
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
            here = apply(here, node.get("@context"), path.isEmpty() ? "" : "embedded at " + path + " ", options);
        }
        // Type-scoped contexts apply to this node's own keys only (they do not propagate to nested nodes).
        Scope typed = here;
        for (String type : types(node, here)) {
            TermDefinition definition = here.active().getTerm(type).orElse(null);
            if (definition != null && definition.hasLocalContext()) {
                typed = apply(typed, definition.getLocalContext(), "scoped to type \"" + type + "\" ", options);
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
            Scope child = here;
            if (definition != null && definition.hasLocalContext()) {
                child = apply(child, definition.getLocalContext(), "scoped to property \"" + key + "\" ", options);
            }
            walk(entry.getValue(), child, path + "/" + key, options);
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

    /**
     * Processes a {@code @context} value entry by entry on top of {@code scope}, comparing every term an entry
     * (re)defines with the definition in force before it.
     */
    private static Scope apply(Scope scope, JsonValue context, String where, JsonLdOptions options)
            throws JsonLdError, Found {
        List<JsonValue> entries = context.getValueType() == JsonValue.ValueType.ARRAY
                ? new ArrayList<>(context.asJsonArray()) : List.of(context);
        ActiveContext active = scope.active();
        Map<String, String> definedBy = new HashMap<>(scope.definedBy());
        for (int i = 0; i < entries.size(); i++) {
            JsonValue entry = entries.get(i);
            if (entry.getValueType() == JsonValue.ValueType.NULL) {
                // A reset: Titanium refuses it while protected terms are active; otherwise nothing is left to clash.
                active = active.newContext().create(entry, null);
                definedBy.clear();
                continue;
            }
            String source = describe(entry, i, where);
            ActiveContext next = active.newContext().overrideProtected(true).create(inline(entry, options), null);
            for (String term : next.getTerms()) {
                Optional<TermDefinition> before = active.getTerm(term);
                TermDefinition after = next.getTerm(term).orElse(null);
                if (after == null || before.isPresent() && before.get() == after) {
                    continue; // inherited unchanged
                }
                if (before.isPresent()) {
                    Optional<Collision> collision = compare(term, before.get(), definedBy.get(term), after, source);
                    if (collision.isPresent()) {
                        throw new Found(collision.get());
                    }
                }
                definedBy.putIfAbsent(term, source);
            }
            active = next;
        }
        return new Scope(active, definedBy);
    }

    /**
     * A context named by URL, replaced by what it holds: Titanium processes a loaded context without the override
     * of protection, so its redefinitions must be seen inline. A URL the loader refuses is left for Titanium to fail.
     */
    private static JsonValue inline(JsonValue entry, JsonLdOptions options) throws JsonLdError {
        if (!(entry instanceof JsonString url)) {
            return entry;
        }
        URI uri;
        try {
            uri = URI.create(url.getString());
        } catch (IllegalArgumentException e) {
            return entry;
        }
        if (!uri.isAbsolute()) {
            return entry;
        }
        Document loaded = options.getDocumentLoader().loadDocument(uri, new DocumentLoaderOptions());
        JsonValue content = loaded.getJsonContent().orElse(JsonValue.EMPTY_JSON_OBJECT);
        if (content.getValueType() == JsonValue.ValueType.OBJECT && content.asJsonObject().containsKey("@context")) {
            return content.asJsonObject().get("@context");
        }
        return entry;
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
