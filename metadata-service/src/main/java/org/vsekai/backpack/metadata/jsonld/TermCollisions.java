package org.vsekai.backpack.metadata.jsonld;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * Finds the first term that two entries of one {@code @context} define for different IRIs (docs/adr/0006). Each
 * entry is processed by Titanium on top of the entries before it, with protection overridden so that the later
 * definition can be seen and compared instead of failing anonymously; the protected flag of the earlier
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

    private TermCollisions() {
    }

    static Optional<Collision> find(JsonValue context, JsonLdOptions options) throws JsonLdError {
        if (context == null) {
            return Optional.empty();
        }
        List<JsonValue> entries = context.getValueType() == JsonValue.ValueType.ARRAY
                ? new ArrayList<>(context.asJsonArray()) : List.of(context);
        ActiveContext active = new ActiveContext(ProcessingRuntime.of(options));
        Map<String, String> definedBy = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonValue entry = entries.get(i);
            if (entry.getValueType() == JsonValue.ValueType.NULL) {
                // A reset: Titanium refuses it while protected terms are active; otherwise nothing is left to clash.
                active = active.newContext().create(entry, null);
                definedBy.clear();
                continue;
            }
            String source = describe(entry, i);
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
                        return collision;
                    }
                }
                definedBy.putIfAbsent(term, source);
            }
            active = next;
        }
        return Optional.empty();
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

    private static String describe(JsonValue entry, int index) {
        return entry instanceof JsonString url ? "context " + url.getString()
                : "the inline context at @context[" + index + "]";
    }
}
