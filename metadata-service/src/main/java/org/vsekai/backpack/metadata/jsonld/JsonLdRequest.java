package org.vsekai.backpack.metadata.jsonld;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;

/**
 * The members of a JSON-LD API request body ({@code document}, {@code context}, {@code frame}), each checked as it is
 * taken: a missing or mistyped member is a 400 {@link JsonLdRejection}.
 */
record JsonLdRequest(JsonObject body, int nodes) {

    static JsonLdRequest of(BoundedJsonReader.Parsed parsed) {
        if (parsed.value().getValueType() != JsonValue.ValueType.OBJECT) {
            throw JsonLdRejection.invalidField("document",
                    "the body must be an object with a \"document\" member");
        }
        return new JsonLdRequest(parsed.value().asJsonObject(), parsed.nodes());
    }

    Document document() {
        return structure("document");
    }

    /** The options of an expansion: the request's context, if any, as its expandContext. */
    ProcessingOptions expandOptions() {
        ProcessingOptions options = ProcessingOptions.defaults();
        ContextInput context = context(false);
        if (context instanceof ContextInput.Inline inline) {
            options = options.withExpandContext(inline.document());
        } else if (context instanceof ContextInput.Named named) {
            options = options.withExpandContext(JsonDocument.of(
                    Json.createObjectBuilder().add("@context", named.url().toString()).build()));
        }
        return options;
    }

    Document structure(String member) {
        JsonValue value = body.get(member);
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT
                && value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw JsonLdRejection.invalidField(member, "is required and must be a JSON object or array");
        }
        return JsonDocument.of(MediaType.JSON_LD, (JsonStructure) value);
    }

    /** @return the context, or null when it is absent and not required */
    ContextInput context(boolean required) {
        JsonValue value = body.get("context");
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw JsonLdRejection.invalidField("context",
                        "is required: an object or the URL of a bundled context");
            }
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            String url = ((JsonString) value).getString();
            try {
                URI uri = new URI(url);
                if (!uri.isAbsolute()) {
                    throw JsonLdRejection.invalidField("context", "must be an absolute URL");
                }
                return ContextInput.named(uri);
            } catch (URISyntaxException e) {
                throw JsonLdRejection.invalidField("context", "is not a URL");
            }
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT
                || value.getValueType() == JsonValue.ValueType.ARRAY) {
            return ContextInput.inline(JsonDocument.of(MediaType.JSON_LD,
                    (JsonStructure) value));
        }
        throw JsonLdRejection.invalidField("context", "must be an object, an array or a URL");
    }
}
