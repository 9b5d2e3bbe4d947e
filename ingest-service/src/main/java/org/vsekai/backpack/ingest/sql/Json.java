package org.vsekai.backpack.ingest.sql;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.vsekai.backpack.contracts.EventJson;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON text columns, written and read with the suite's one mapping ({@link EventJson}). */
public final class Json {

    private Json() {
    }

    /** A new, empty JSON object. */
    public static ObjectNode tree() {
        return EventJson.mapper().createObjectNode();
    }

    /** {@code value} as a JSON tree. */
    public static JsonNode tree(Object value) {
        return EventJson.mapper().valueToTree(value);
    }

    public static String write(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return json == null ? null : EventJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored JSON column does not read as " + type.getSimpleName(), e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : EventJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored JSON column does not read back", e);
        }
    }
}
