package org.vsekai.backpack.metadata.item;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.metadata.context.BundledContexts;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.metadata.jsonld.BoundedJsonReader;
import org.vsekai.backpack.metadata.jsonld.ContextInput;
import org.vsekai.backpack.metadata.jsonld.JsonLdProcessor;
import org.vsekai.backpack.metadata.jsonld.ProcessingOptions;

import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Item metadata: a PUT document is checked against the namespace policy, expanded, mapped to attributes, stored as
 * a new version, and its attributes are published on {@code item-attributes} through the outbox.
 */
@ApplicationScoped
public class ItemMetadataService {

    private final JsonLdProcessor processor;
    private final BundledContexts contexts;
    private final ItemMetadataStore store;
    private final AttributesPublisher attributes;

    public ItemMetadataService(JsonLdProcessor processor, BundledContexts contexts, ItemMetadataStore store,
                               AttributesPublisher attributes) {
        this.processor = processor;
        this.contexts = contexts;
        this.store = store;
        this.attributes = attributes;
    }

    /**
     * Blocking (the processor runs under its timeout): call from a worker thread. The returned Uni completes when
     * the version and its attributes record have committed; the outbox relay sends the record.
     */
    public Uni<ItemMetadataStore.StoredVersion> put(String itemId, Caller caller, BoundedJsonReader.Parsed body) {
        // A cheap look first, so a stranger learns "not yours" before any JSON-LD work is spent on the body; the
        // store checks again under the head row's lock, which is what decides a race.
        return store.owner(itemId)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(owner -> {
                    if (owner.isPresent() && !caller.mayActFor(owner.get())) {
                        throw new NotTheOwnerException(itemId);
                    }
                    return process(itemId, caller, body);
                });
    }

    private Uni<ItemMetadataStore.StoredVersion> process(String itemId, Caller caller, BoundedJsonReader.Parsed body) {
        if (body.value().getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ProblemException(Problem.invalid("The metadata of an item is one JSON-LD object",
                    List.of(new Problem.FieldError("", "must be a JSON object"))));
        }
        JsonDocument document = JsonDocument.of(MediaType.JSON_LD, (JsonStructure) body.value());
        JsonArray expanded = processor.expandToStore(document, body.nodes());
        ExtractedAttributes extracted = AttributeExtractor.extract(expanded);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.store(itemId, caller.userId(), caller.admin(), body.value().toString(), expanded.toString(),
                        extracted, at)
                // A conflict between concurrent PUTs of one item (CockroachDB's 40001) is retried by the store.
                // The attributes record committed with the version (outbox); the relay sends it.
                .invoke(attributes::sendCommitted);
    }

    /** The current version, or null; the compaction runs on a worker thread, off the event loop. */
    public Uni<Compacted> current(String itemId, String contextUrl) {
        URI context = bundledContext(contextUrl);
        return store.current(itemId)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(stored -> stored == null ? null : compact(stored, context));
    }

    /** A compacted version and which version it is. */
    public record Compacted(JsonObject document, int version, Instant versionAt, String ownerId) {
    }

    private Compacted compact(ItemMetadataStore.StoredVersion stored, URI context) {
        JsonArray expanded;
        try (JsonReader reader = Json.createReader(new StringReader(stored.expanded()))) {
            expanded = reader.readArray();
        }
        int nodes = BoundedJsonReader.count(expanded, Integer.MAX_VALUE);
        JsonObject compacted = processor.compact(JsonDocument.of(MediaType.JSON_LD, expanded),
                ContextInput.named(context), ProcessingOptions.defaults(), nodes);
        return new Compacted(compacted, stored.version(), stored.versionAt(), stored.ownerId());
    }

    private URI bundledContext(String contextUrl) {
        if (contextUrl == null || contextUrl.isBlank()) {
            return URI.create(BundledContexts.BACKPACK);
        }
        URI url;
        try {
            url = URI.create(contextUrl);
        } catch (IllegalArgumentException e) {
            url = null;
        }
        if (url == null || contexts.find(url).isEmpty()) {
            throw new ProblemException(Problem.ofType("unknown-context", 422, "Unknown context",
                    "Context " + contextUrl + " is not bundled with this service; bundled contexts: "
                            + String.join(", ", BundledContexts.urls())));
        }
        return url;
    }

    /** The current version with its detected classes, or null. */
    public Uni<ItemMetadataStore.StoredVersion> attributes(String itemId) {
        return store.currentWithClasses(itemId);
    }

    public Uni<List<String>> find(Map<Attribute, String> filters, int limit) {
        return store.find(filters, limit);
    }
}
