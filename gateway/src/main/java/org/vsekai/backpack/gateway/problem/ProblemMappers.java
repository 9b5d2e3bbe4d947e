package org.vsekai.backpack.gateway.problem;

import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.vsekai.backpack.contracts.http.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Turns every failure of a request into an RFC 9457 problem: the gateway's own problems as they are, JAX-RS
 * errors (404, 405, 415, ...) by their status, anything unexpected as a 500 that names an incident id and
 * keeps the cause in the log only.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return ProblemResponses.of(e.problem(), uri);
    }

    // Declared for the exact type so it wins over Quarkus' dev/test-mode HTML page for unknown paths.
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return ProblemResponses.of(Problem.of(404, "Not Found", "No resource at this path"), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType != null ? statusType.getReasonPhrase() : original.getStatusInfo().getReasonPhrase();
        // A client error's message describes the request; a server error's may describe our internals.
        String detail = status < 500 ? e.getMessage() : null;
        Response.ResponseBuilder response = ProblemResponses.builder(Problem.of(status, title, detail), uri);
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return ProblemResponses.of(Problem.invalid("The body is not valid JSON: " + e.getOriginalMessage(),
                List.of()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure of %s (incident %s)", uri.getRequestUri().getRawPath(), incident);
        return ProblemResponses.of(Problem.ofType("internal-error", 500, "Internal Server Error",
                "The gateway failed unexpectedly; the incident id is " + incident), uri);
    }
}
