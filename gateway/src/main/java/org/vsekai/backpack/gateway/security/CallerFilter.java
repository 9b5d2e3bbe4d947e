package org.vsekai.backpack.gateway.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.vsekai.backpack.contracts.Identifiers;
import org.vsekai.backpack.kit.identity.Caller;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;

/**
 * Resolves who calls, once per request, before rate limits and resources: the subject and roles of a verified
 * bearer token, or an anonymous caller known by address. A token that is sent must be valid, whatever the route
 * (401 otherwise): a client never silently falls back to anonymous. Authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}) so that its failures reach the problem mappers.
 */
public class CallerFilter {

    private final CurrentIdentityAssociation identities;
    private final CurrentCaller current;

    public CallerFilter(CurrentIdentityAssociation identities, CurrentCaller current) {
        this.identities = identities;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> resolve(HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return identities.getDeferredIdentity().invoke(identity -> current.set(callerOf(identity), address))
                .replaceWithVoid();
    }

    private static Caller callerOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        String subject = identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject()
                : identity.getPrincipal().getName();
        return caller(subject, identity.getRoles());
    }

    /** The caller a verified token names (for routes outside JAX-RS: the avatar stream's handshake). */
    public static Caller callerOf(JsonWebToken token) {
        return caller(token.getSubject(), token.getGroups() == null ? Set.of() : token.getGroups());
    }

    private static Caller caller(String subject, Set<String> roles) {
        // The subject becomes a Kafka key and a path segment downstream, as any user id does.
        if (!Identifiers.isValid(subject)) {
            throw new AuthenticationFailedException("the token's subject is missing or not a valid user id");
        }
        return new Caller(subject, roles.stream().filter(Caller.KNOWN_ROLES::contains)
                .collect(Collectors.toUnmodifiableSet()));
    }
}
