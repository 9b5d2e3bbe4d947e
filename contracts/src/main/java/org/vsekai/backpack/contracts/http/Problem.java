package org.vsekai.backpack.contracts.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail: the body of every error response of every service, and what the gateway relays
 * when a service answers with one.
 *
 * @param type   a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param errors the fields that failed validation, when that is the problem
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                     List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Where Backpack's own problem types live; a type URI is this plus a short name. */
    public static final String TYPE_BASE = "https://backpack.v-sekai.org/problems/";

    /** One invalid field: a JSON pointer-like path ({@code actor}, {@code [2].object}) and what is wrong. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, List.of());
    }

    public static Problem ofType(String shortType, int status, String title, String detail) {
        return new Problem(TYPE_BASE + shortType, title, status, detail, null, List.of());
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + "invalid-request", "Invalid request", 400, detail, null, List.copyOf(errors));
    }

    /** 415: the request's {@code Content-Type} is none of those the route takes. */
    public static Problem unsupportedMediaType(String contentType, String accepted) {
        return ofType("unsupported-media-type", 415, "Unsupported Media Type",
                "Content-Type " + contentType + " is not accepted here; send one of " + accepted);
    }

    public Problem withInstance(String instancePath) {
        return new Problem(type, title, status, detail, instancePath, errors);
    }
}
