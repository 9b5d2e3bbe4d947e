package org.vsekai.backpack.gateway.problem;

import org.vsekai.backpack.contracts.http.Problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The one way a problem becomes an HTTP response: its status, the problem media type, the request path. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem, UriInfo uri) {
        return builder(problem, uri).build();
    }

    static Response.ResponseBuilder builder(Problem problem, UriInfo uri) {
        Problem located = problem.instance() == null && uri != null
                ? problem.withInstance(uri.getRequestUri().getRawPath())
                : problem;
        return Response.status(located.status()).type(Problem.MEDIA_TYPE).entity(located);
    }
}
