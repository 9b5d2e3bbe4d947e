package org.vsekai.backpack.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds ActivityStreams 2.0 activities for requests: valid by default, changed one field at a time. */
public final class ActivityJson {

    public static final String CONTEXT = "https://www.w3.org/ns/activitystreams";
    public static final String PUBLISHED = "2024-05-01T12:00:00Z";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private ActivityJson() {
    }

    /** A valid Like by {@code actor} of {@code object}, without an id. */
    public static ActivityJson like(String actor, String object) {
        ActivityJson activity = new ActivityJson();
        activity.fields.put("@context", CONTEXT);
        activity.fields.put("type", "Like");
        activity.fields.put("actor", actor);
        activity.fields.put("object", object);
        activity.fields.put("published", PUBLISHED);
        return activity;
    }

    public static String uniqueUser() {
        return "user-" + UUID.randomUUID();
    }

    public ActivityJson with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public ActivityJson without(String field) {
        fields.remove(field);
        return this;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public byte[] bytes() {
        return write(fields);
    }

    public static byte[] batch(List<ActivityJson> activities) {
        return write(activities.stream().map(ActivityJson::fields).toList());
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
