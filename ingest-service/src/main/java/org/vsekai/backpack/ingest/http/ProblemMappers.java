package org.vsekai.backpack.ingest.http;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.vsekai.backpack.contracts.http.Problem;

import com.fasterxml.jackson.core.JacksonException;

/** Turns every error that leaves a resource into an RFC 9457 problem, the one error body of the suite. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            if (isReturnValue(violation.getPropertyPath())) {
                // The service broke its own promise: a bug, not the client's fault.
                return unexpected(e);
            }
            errors.add(new Problem.FieldError(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        return response(Problem.invalid("The request is not valid", errors));
    }

    /** A body that is not JSON, or JSON of the wrong shape. */
    @ServerExceptionMapper
    public Response unreadable(JacksonException e) {
        return response(Problem.invalid("The body is not valid JSON for this request: " + e.getOriginalMessage(),
                List.of()));
    }

    /** What Quarkus REST itself raises: an unparsable path parameter (404), a wrong method (405), and so on. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JacksonException unreadableBody) {
            return unreadable(unreadableBody); // Quarkus REST wraps body parse errors in a 400
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return response(Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error answering a request", e);
        return response(Problem.of(500, "Internal Server Error", "The service could not answer; see its log"));
    }

    private static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** {@code create.request.ownerId} becomes {@code ownerId}; a bare parameter keeps its own name. */
    private static String fieldName(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getKind() != ElementKind.METHOD && node.getName() != null) {
                names.add(node.getName());
            }
        }
        return names.size() > 1 ? String.join(".", names.subList(1, names.size())) : String.join(".", names);
    }
}
