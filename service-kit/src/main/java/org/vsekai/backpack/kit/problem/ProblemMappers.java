package org.vsekai.backpack.kit.problem;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.http.Problem.FieldError;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure of a request into an RFC 9457 problem ({@value Problem#MEDIA_TYPE}) whose instance is the
 * request path: a {@link ProblemException} as it is, invalid parameters and unreadable bodies as 400s naming each
 * field, JAX-RS errors (404, 405, 415, ...) by their status, and anything unexpected (a return value that breaks
 * its constraints, the service's own JSON failing) as a 500 that names an incident id and keeps the cause in the
 * log only.
 *
 * <p>Quarkus picks the mapper of the closest exception type, so the types that Quarkus maps itself
 * ({@link NotFoundException} in dev and test mode, {@link MismatchedInputException}, {@link ValidationException})
 * are mapped here by their exact type to keep those answers problems too.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Headers that belong to an error status and must survive its translation into a problem. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER,
            HttpHeaders.WWW_AUTHENTICATE);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri, Request request) {
        if (e.getConstraintViolations().stream().anyMatch(ViolationField::isReturnValue)) {
            return unexpected(e, uri, request); // the service broke its own promise: a bug, not the client's fault
        }
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(ViolationField.of(violation), message(violation)))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return respond(Problem.invalid("The request is not valid", errors), uri);
    }

    /** What is left of validation once the violations are taken: a constraint declared wrongly, our bug. */
    @ServerExceptionMapper
    public Response invalidConstraints(ValidationException e, UriInfo uri, Request request) {
        return unexpected(e, uri, request);
    }

    /**
     * Quarkus' JSON reader raises a body of the wrong shape as this, unwrapped. Declared for the exact type so that
     * it wins over Quarkus' own mapper, which answers with JSON of its own.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    /**
     * Any other Jackson failure arrives here only from the service's own JSON handling (stored data, a payload it
     * builds): Quarkus wraps those of the request body in a 400 WebApplicationException, mapped below.
     */
    @ServerExceptionMapper
    public Response ownJson(JacksonException e, UriInfo uri, Request request) {
        return unexpected(e, uri, request);
    }

    /** Declared for the exact type so that it wins over Quarkus' dev/test-mode HTML page for unknown paths. */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, Request request) {
        return webApplication(e, uri, request);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, Request request) {
        if (e.getCause() instanceof JacksonException json && e.getResponse().getStatus() == 400) {
            return unreadableBody(json, uri); // how Quarkus REST reports a body that is not JSON
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400) {
            return original; // a redirect thrown as an exception is still a redirect
        }
        if (original.getEntity() instanceof Problem problem) {
            return respond(problem, uri);
        }
        if (status >= 500) {
            LOG.warnf(e, "%s %s answered %d", request.getMethod(), path(uri), status);
        }
        String detail = status < 500 ? clientDetail(e, status, request) : null;
        Problem problem = Problem.of(status, reasonPhrase(original), detail);
        Response.ResponseBuilder response = located(problem, uri);
        for (String header : KEPT_HEADERS) {
            String value = original.getHeaderString(header);
            if (value != null) {
                response.header(header, value);
            }
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, Request request) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure of %s %s (incident %s)", request.getMethod(), path(uri), incident);
        return respond(Problem.ofType("internal-error", 500, "Internal Server Error",
                "The service failed unexpectedly; the incident id is " + incident), uri);
    }

    private static Response unreadableBody(JacksonException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping) {
            String field = fieldPath(mapping.getPath());
            List<FieldError> errors = field.isEmpty() ? List.of() : List.of(new FieldError(field,
                    e instanceof UnrecognizedPropertyException ? "is not a known field"
                            : "has the wrong type or format"));
            // Jackson's own message would name our Java types.
            return respond(Problem.invalid("The body is not of the shape this request takes", errors), uri);
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return respond(Problem.invalid("The body is not valid JSON: " + e.getOriginalMessage() + where, List.of()),
                uri);
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return located(problem, uri).build();
    }

    private static Response.ResponseBuilder located(Problem problem, UriInfo uri) {
        Problem located = problem.instance() == null ? problem.withInstance(path(uri)) : problem;
        return Response.status(located.status()).type(Problem.MEDIA_TYPE).entity(located);
    }

    /** The path as the client sent it, still percent-encoded. */
    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }

    private static String reasonPhrase(Response response) {
        Response.Status known = Response.Status.fromStatusCode(response.getStatus());
        if (known != null) {
            return known.getReasonPhrase();
        }
        String phrase = response.getStatusInfo().getReasonPhrase();
        return phrase == null || phrase.isEmpty() ? "HTTP " + response.getStatus() : phrase;
    }

    /** A client error's own message describes the request; JAX-RS' stock "HTTP 404 Not Found" says nothing more. */
    private static String clientDetail(WebApplicationException e, int status, Request request) {
        String message = e.getMessage();
        if (message != null && !message.isBlank() && !message.startsWith("HTTP " + status)) {
            return message;
        }
        return switch (status) {
            // Quarkus REST answers a path or query parameter it cannot convert with a 404 caused by the failure.
            case 404 -> e.getCause() != null
                    ? "A path or query parameter does not have the form this resource takes"
                    : "No resource at this path";
            // Quarkus' own 405 names no allowed methods (no Allow header); its answer to OPTIONS does.
            case 405 -> "The resource at this path does not take " + request.getMethod()
                    + "; an OPTIONS request lists the methods it takes";
            default -> null;
        };
    }

    private static String message(ConstraintViolation<?> violation) {
        return violation.getMessage() == null ? "is not valid" : violation.getMessage();
    }

    /** {@code items[2].name}, as the other field errors of the suite are written. */
    private static String fieldPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
