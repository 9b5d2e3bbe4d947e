package org.vsekai.backpack.gateway.interaction;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.vsekai.backpack.contracts.Identifiers;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.http.Problem.FieldError;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.gateway.limits.BodyLimits;
import org.vsekai.backpack.kit.problem.ProblemException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads ActivityStreams 2.0 activities from request bodies and checks them completely, so that a client learns
 * every bad field of a request at once. Nothing is published unless the whole request is valid.
 */
@ApplicationScoped
public class ActivityReader {

    /** The JSON-LD context every ActivityStreams 2.0 document must name. */
    public static final String ACTIVITY_STREAMS_CONTEXT = "https://www.w3.org/ns/activitystreams";

    private static final String TYPES = Arrays.stream(ActivityType.values())
            .map(ActivityType::activityStreamsName).collect(Collectors.joining(", "));

    private final ObjectReader json;
    private final GatewayConfig.Limits limits;

    public ActivityReader(ObjectMapper mapper, GatewayConfig config) {
        // A duplicated key or trailing garbage makes a document mean two things; refuse it rather than guess.
        this.json = mapper.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.limits = config.limits();
    }

    /** The one activity of a {@code POST /api/v1/interactions} body. */
    public Activity readOne(byte[] body) {
        requireAtMost(body, limits.maxActivityBody().asLongValue());
        JsonNode document = parse(body);
        if (!document.isObject()) {
            throw invalid("An activity must be a JSON object", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        Activity activity = read(document, "", errors);
        if (!errors.isEmpty()) {
            throw invalid("The activity is not valid", errors);
        }
        return activity;
    }

    /** The activities of a {@code POST /api/v1/interactions:batch} body, all valid, in their order. */
    public List<Activity> readBatch(byte[] body) {
        requireAtMost(body, limits.maxBatchBody().asLongValue());
        JsonNode document = parse(body);
        if (!document.isArray()) {
            throw invalid("A batch must be a JSON array of activities", List.of());
        }
        if (document.isEmpty()) {
            throw invalid("A batch must hold at least one activity", List.of());
        }
        if (document.size() > limits.maxBatchSize()) {
            throw new ProblemException(Problem.ofType("batch-too-large", 413, "Content Too Large",
                    "A batch holds at most " + limits.maxBatchSize() + " activities; this one holds "
                            + document.size()));
        }
        List<FieldError> errors = new ArrayList<>();
        List<Activity> activities = new ArrayList<>(document.size());
        for (int i = 0; i < document.size(); i++) {
            JsonNode element = document.get(i);
            if (!element.isObject()) {
                errors.add(new FieldError("[" + i + "]", "must be a JSON object"));
                continue;
            }
            activities.add(read(element, "[" + i + "].", errors));
        }
        if (!errors.isEmpty()) {
            throw invalid("The batch holds invalid activities; none was accepted", errors);
        }
        return activities;
    }

    /** Reads one activity object; adds an error per bad field and returns {@code null} if there was any. */
    private static Activity read(JsonNode activity, String path, List<FieldError> errors) {
        int errorsBefore = errors.size();
        checkContext(activity.get("@context"), path + "@context", errors);
        ActivityType type = readType(activity.get("type"), path + "type", errors);
        String actor = readReference(activity.get("actor"), path + "actor", errors);
        String object = readReference(activity.get("object"), path + "object", errors);
        Instant published = readPublished(activity.get("published"), path + "published", errors);
        String id = readOptionalId(activity.get("id"), path + "id", errors);
        return errors.size() == errorsBefore ? new Activity(id, type, actor, object, published) : null;
    }

    private static void checkContext(JsonNode context, String field, List<FieldError> errors) {
        if (absent(context)) {
            errors.add(new FieldError(field, "is required and must name " + ACTIVITY_STREAMS_CONTEXT));
            return;
        }
        boolean named = context.isTextual()
                ? ACTIVITY_STREAMS_CONTEXT.equals(context.textValue())
                : context.isArray() && containsText(context, ACTIVITY_STREAMS_CONTEXT);
        if (!named) {
            errors.add(new FieldError(field,
                    "must be \"" + ACTIVITY_STREAMS_CONTEXT + "\" or an array that contains it"));
        }
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode element : array) {
            if (element.isTextual() && text.equals(element.textValue())) {
                return true;
            }
        }
        return false;
    }

    private static ActivityType readType(JsonNode type, String field, List<FieldError> errors) {
        Optional<ActivityType> known = type != null && type.isTextual()
                ? ActivityType.fromActivityStreamsName(type.textValue())
                : Optional.empty();
        if (known.isEmpty()) {
            errors.add(new FieldError(field, (absent(type) ? "is required and must be " : "must be ")
                    + "one of " + TYPES));
            return null;
        }
        return known.get();
    }

    /** An actor or object: an id, or an object whose {@code id} is one (both are valid ActivityStreams). */
    private static String readReference(JsonNode reference, String field, List<FieldError> errors) {
        if (absent(reference)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        JsonNode id = reference.isObject() ? reference.get("id") : reference;
        if (id == null || !id.isTextual()) {
            errors.add(new FieldError(field, "must be an id string or an object with an id string"));
            return null;
        }
        return checkId(id.textValue(), field, errors);
    }

    private static String readOptionalId(JsonNode id, String field, List<FieldError> errors) {
        if (absent(id)) {
            return null;
        }
        if (!id.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return checkId(id.textValue(), field, errors);
    }

    private static String checkId(String id, String field, List<FieldError> errors) {
        Optional<String> problem = Identifiers.problemWith(id);
        problem.ifPresent(message -> errors.add(new FieldError(field, message)));
        return problem.isEmpty() ? id : null;
    }

    private static Instant readPublished(JsonNode published, String field, List<FieldError> errors) {
        if (absent(published)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (published.isTextual()) {
            try {
                // xsd:dateTime as ActivityStreams uses it; the offset is required so the instant is unambiguous.
                return OffsetDateTime.parse(published.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(new FieldError(field,
                "must be an ISO-8601 date-time with a zone offset, such as 2024-05-01T12:00:00Z"));
        return null;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private JsonNode parse(byte[] body) {
        JsonNode document;
        try {
            document = json.readTree(body);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw invalid("The body is not valid JSON: " + e.getOriginalMessage() + where, List.of());
        } catch (IOException e) {
            throw invalid("The body cannot be read as JSON", List.of());
        }
        if (document == null || document.isMissingNode()) {
            throw invalid("The body is empty", List.of());
        }
        return document;
    }

    /** Checks the size actually read; a declared Content-Length was already checked by {@link BodyLimits}. */
    private static void requireAtMost(byte[] body, long limit) {
        if (body.length > limit) {
            throw BodyLimits.tooLarge(limit);
        }
    }

    private static ProblemException invalid(String detail, List<FieldError> errors) {
        return new ProblemException(Problem.invalid(detail, errors));
    }
}
