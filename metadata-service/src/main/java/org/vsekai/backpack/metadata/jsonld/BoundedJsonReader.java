package org.vsekai.backpack.metadata.jsonld;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;

/**
 * Reads a JSON body within the limits: at most {@link JsonLdLimits#maxDocumentBytes()} bytes are read, then a
 * streaming pass counts nesting depth and values, and only a body within both is built into a tree. A deeply
 * nested body is refused at the depth limit, before any recursive code (the tree builder, the processor) sees it.
 */
public final class BoundedJsonReader {

    private final JsonLdLimits limits;

    public BoundedJsonReader(JsonLdLimits limits) {
        this.limits = limits;
    }

    /** A parsed body and its number of JSON values, which the expansion-growth limit compares against. */
    public record Parsed(JsonValue value, int nodes) {
    }

    public Parsed read(InputStream body) {
        return read(readBounded(body));
    }

    public Parsed read(byte[] body) {
        if (body.length > limits.maxDocumentBytes()) {
            throw tooManyBytes();
        }
        int nodes = measure(body);
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return new Parsed(reader.readValue(), nodes);
        } catch (JsonException e) {
            throw JsonLdRejection.malformed(e.getMessage());
        }
    }

    private byte[] readBounded(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(limits.maxDocumentBytes() + 1);
            if (bytes.length > limits.maxDocumentBytes()) {
                throw tooManyBytes();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private JsonLdRejection tooManyBytes() {
        return JsonLdRejection.tooLarge("document-size", "The body is larger than "
                + limits.maxDocumentBytes() + " bytes");
    }

    private int measure(byte[] body) {
        int depth = 0;
        int nodes = 0;
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext()) {
                throw JsonLdRejection.malformed("the body is empty");
            }
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        nodes++;
                        if (++depth > limits.maxDepth()) {
                            throw JsonLdRejection.tooLarge("nesting-depth", "The body nests arrays and objects "
                                    + "deeper than " + limits.maxDepth() + " levels" + at(parser.getLocation()));
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> {
                        // a key is part of its member, not a value of its own
                    }
                    default -> nodes++;
                }
                if (nodes > limits.maxNodes()) {
                    throw JsonLdRejection.tooLarge("node-count", "The body holds more than " + limits.maxNodes()
                            + " JSON values");
                }
            }
        } catch (JsonException e) { // JsonParsingException among them
            throw JsonLdRejection.malformed(e.getMessage());
        }
        return nodes;
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNumber() + ", column "
                + location.getColumnNumber() + ")";
    }

    /** JSON values in a tree: what a result is measured by. Iterative, so a deep result cannot overflow it. */
    public static int count(JsonValue value, int stopAfter) {
        ArrayDeque<JsonValue> pending = new ArrayDeque<>();
        pending.push(value);
        int nodes = 0;
        while (!pending.isEmpty() && nodes <= stopAfter) {
            JsonValue next = pending.pop();
            nodes++;
            switch (next.getValueType()) {
                case OBJECT -> next.asJsonObject().values().forEach(pending::push);
                case ARRAY -> next.asJsonArray().forEach(pending::push);
                default -> {
                    // a leaf
                }
            }
        }
        return nodes;
    }
}
