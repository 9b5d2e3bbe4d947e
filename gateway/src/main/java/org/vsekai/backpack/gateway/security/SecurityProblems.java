package org.vsekai.backpack.gateway.security;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.vsekai.backpack.contracts.http.Problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Authentication and authorisation failures as problems. The detail never says which check of a token failed:
 * that would help whoever forges one; the log keeps it at debug level.
 */
public class SecurityProblems {

    private static final Logger LOG = Logger.getLogger(SecurityProblems.class);

    /** No token where one is needed. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(Access.unauthorized("This request needs a bearer token (Authorization: Bearer <jwt>)"),
                "Bearer", uri);
    }

    /** A token that is malformed, expired, not yet valid, badly signed, or for another issuer or audience. */
    @ServerExceptionMapper
    public Response invalidToken(AuthenticationFailedException e, UriInfo uri) {
        LOG.debugf(e, "Token refused on %s", uri.getRequestUri().getRawPath());
        return respond(Access.unauthorized("The bearer token is not valid"), "Bearer error=\"invalid_token\"", uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(Access.forbidden("The caller's roles do not allow this request")
                        .withInstance(uri.getRequestUri().getRawPath()))
                .build();
    }

    private static Response respond(Problem problem, String challenge, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .entity(problem.withInstance(uri.getRequestUri().getRawPath()))
                .build();
    }
}
