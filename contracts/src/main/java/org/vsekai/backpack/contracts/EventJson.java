package org.vsekai.backpack.contracts;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of events, used by every producer and consumer so that both ends agree byte for byte:
 * ISO-8601 instants, unknown fields ignored (a newer producer may add optional fields within a version),
 * nulls omitted.
 */
public final class EventJson {

    /** Deepest nesting an event may have; deeper input is refused before it is built. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Event event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new EventFormatException("cannot write " + event.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads one event of the topic's type and checks what every event must have: an event id and a version
     * this build understands.
     */
    public static <E extends Event> E read(byte[] json, Topic<E> topic) {
        String what = topic.eventType().getSimpleName() + " record on " + topic.name();
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new EventFormatException("not a valid " + what + ": " + originalMessage(e), e);
        }
        // The envelope fields first, so a foreign record is named as such rather than by its first odd field.
        if (tree == null || !tree.isObject()) {
            throw new EventFormatException("not a valid " + what + ": not a JSON object", null);
        }
        if (!tree.path("eventId").isTextual()) {
            throw new EventFormatException(what + " has no eventId", null);
        }
        if (!tree.path("version").canConvertToExactIntegral()) {
            throw new EventFormatException(what + " has no version", null);
        }
        int version = tree.get("version").asInt();
        if (version < 1 || version > topic.currentVersion()) {
            throw new EventFormatException(what + " has version " + version + "; this build reads versions 1 to "
                    + topic.currentVersion(), null);
        }
        try {
            return MAPPER.treeToValue(tree, topic.eventType());
        } catch (IOException e) {
            throw new EventFormatException("not a valid " + what + ": " + originalMessage(e), e);
        }
    }

    private static String originalMessage(IOException e) {
        // Jackson's own message appends the whole source location; the original one names the problem.
        return e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getOriginalMessage() : e.getMessage();
    }
}
