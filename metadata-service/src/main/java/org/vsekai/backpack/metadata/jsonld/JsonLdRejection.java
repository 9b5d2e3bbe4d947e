package org.vsekai.backpack.metadata.jsonld;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;

/**
 * A JSON-LD request this service will not (or cannot) process, as the problem the client gets. JSON-LD errors
 * carry Titanium's error code in the problem type ({@code .../problems/jsonld/loading-remote-context-failed})
 * and at the start of the detail, since a problem has no member of its own for it.
 */
public class JsonLdRejection extends ProblemException {

    private final transient JsonLdErrorCode code;

    private JsonLdRejection(Problem problem, JsonLdErrorCode code, Throwable cause) {
        super(problem, cause);
        this.code = code;
    }

    /** The JSON-LD error code behind this rejection, or null when a limit of ours (not the algorithm) refused. */
    public JsonLdErrorCode code() {
        return code;
    }

    static JsonLdRejection malformed(String detail) {
        return new JsonLdRejection(Problem.invalid("The body is not valid JSON: " + detail, List.of()),
                null, null);
    }

    static JsonLdRejection invalidField(String field, String message) {
        return new JsonLdRejection(Problem.invalid("The body is not of the shape this request takes",
                List.of(new Problem.FieldError(field, message))), null, null);
    }

    static JsonLdRejection tooLarge(String limit, String detail) {
        return new JsonLdRejection(Problem.ofType("jsonld-limit/" + limit, 413, "Content Too Large", detail),
                null, null);
    }

    /** @param limit {@code expansion-growth} (values counted in the result) or {@code output-size} (estimated first) */
    static JsonLdRejection outputTooLarge(String limit, String detail) {
        return new JsonLdRejection(Problem.ofType("jsonld-limit/" + limit, 422,
                "The JSON-LD result would be too large", detail), null, null);
    }

    static JsonLdRejection tooLargeToFrame(String detail) {
        return new JsonLdRejection(Problem.ofType("jsonld-limit/frame-size", 422,
                "The document is too large to frame", detail), null, null);
    }

    static JsonLdRejection embedAlways() {
        return new JsonLdRejection(Problem.ofType("jsonld-limit/embed-always", 422,
                "This frame is not run here", "The frame asks for \"@embed\": \"@always\", which can copy a node "
                        + "into every reference to it without bound; use @once (the default) or @never"), null, null);
    }

    static JsonLdRejection timeout(String operation, Duration limit) {
        return new JsonLdRejection(Problem.ofType("jsonld/" + typeName(JsonLdErrorCode.PROCESSING_TIMEOUT_EXCEEDED),
                422, "JSON-LD processing took too long", JsonLdErrorCode.PROCESSING_TIMEOUT_EXCEEDED + ": " + operation
                        + " did not finish within " + limit.toMillis() + " ms"),
                JsonLdErrorCode.PROCESSING_TIMEOUT_EXCEEDED, null);
    }

    static JsonLdRejection termCollision(TermCollisions.Collision collision) {
        if (collision.protectedTerm()) {
            return new JsonLdRejection(Problem.ofType("jsonld/" + typeName(JsonLdErrorCode.PROTECTED_TERM_REDEFINITION),
                    422, "A protected term is redefined", JsonLdErrorCode.PROTECTED_TERM_REDEFINITION + ": term \""
                            + collision.term() + "\" is protected by " + collision.earlierContext() + " as "
                            + collision.earlierIri() + "; " + collision.laterContext() + " redefines it as "
                            + collision.laterIri()),
                    JsonLdErrorCode.PROTECTED_TERM_REDEFINITION, null);
        }
        return new JsonLdRejection(Problem.ofType("jsonld/term-collision", 422, "Contexts disagree on a term",
                "Term \"" + collision.term() + "\" is " + collision.earlierIri() + " in " + collision.earlierContext()
                        + " but " + collision.laterIri() + " in " + collision.laterContext()
                        + "; use a prefixed name (e.g. schema:name) for one of them"), null, null);
    }

    static JsonLdRejection busy() {
        return new JsonLdRejection(Problem.ofType("jsonld-busy", 503, "Service Unavailable",
                "Every JSON-LD worker is busy; try again shortly"), null, null);
    }

    static JsonLdRejection of(JsonLdError error) {
        JsonLdErrorCode code = error.getCode() == null ? JsonLdErrorCode.UNSPECIFIED : error.getCode();
        JsonLdErrorCode inner = innermostCode(error);
        if (code == JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED && inner != null && !isLoading(inner)) {
            // Titanium reports any error inside a context it loaded as a failure to load it; the context was
            // loaded, and the inner code (a protected term redefined, too many nested contexts) is what went wrong.
            code = inner;
        } else if (code == JsonLdErrorCode.INVALID_KEYWORD_IMPORT_VALUE && inner != null && isLoading(inner)) {
            // An @import that could not be loaded is, in the specification's words, a remote context that failed.
            code = JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED;
        }
        return new JsonLdRejection(Problem.ofType("jsonld/" + typeName(code), 422, "JSON-LD error",
                code.name() + ": " + messages(error)), code, error);
    }

    private static JsonLdErrorCode innermostCode(JsonLdError error) {
        JsonLdErrorCode innermost = null;
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonLdError inner && inner.getCode() != null
                    && inner.getCode() != JsonLdErrorCode.UNSPECIFIED) {
                innermost = inner.getCode();
            }
        }
        return innermost;
    }

    private static boolean isLoading(JsonLdErrorCode code) {
        return code == JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED
                || code == JsonLdErrorCode.LOADING_DOCUMENT_FAILED;
    }

    /** {@code LOADING_REMOTE_CONTEXT_FAILED} becomes {@code loading-remote-context-failed}. */
    static String typeName(JsonLdErrorCode code) {
        return code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Titanium wraps a loader's error in its own; the inner message is the one that names the URL. */
    private static String messages(Throwable error) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = error; t != null && messages.size() < 4; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                messages.add(t.getMessage());
            }
        }
        return messages.isEmpty() ? "no detail" : String.join("; ", messages);
    }
}
