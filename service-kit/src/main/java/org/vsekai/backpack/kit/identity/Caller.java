package org.vsekai.backpack.kit.identity;

import java.util.Set;

import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;

/**
 * Who is calling: the one vocabulary of the gateway and the services. The gateway makes it from a verified token
 * and forwards it in the {@link ForwardedIdentity} headers (after stripping any a client sent); a service reads it
 * back from them and trusts it as it comes (services are not publicly reachable). {@code userId} is null for an
 * anonymous caller.
 */
public record Caller(String userId, Set<String> roles) {

    /** The roles the suite knows; any other group in a token or header is dropped. */
    public static final Set<String> KNOWN_ROLES = Set.of(ForwardedIdentity.ROLE_USER, ForwardedIdentity.ROLE_ADMIN);

    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public Caller {
        roles = userId == null ? Set.of() : Set.copyOf(roles);
    }

    /** The caller the gateway forwarded, anonymous when it forwarded no user. */
    public static Caller forwarded(String userHeader, String rolesHeader) {
        if (userHeader == null || userHeader.isBlank()) {
            return ANONYMOUS;
        }
        return new Caller(userHeader.strip(), ForwardedIdentity.parseRoles(rolesHeader));
    }

    /** The caller of a request that needs one: a 401 problem when the gateway forwarded no user. */
    public static Caller required(String userHeader, String rolesHeader) {
        Caller caller = forwarded(userHeader, rolesHeader);
        if (!caller.authenticated()) {
            throw new ProblemException(Problem.ofType("unauthenticated", 401, "Authentication required",
                    "This request needs a signed-in user; none was forwarded in " + ForwardedIdentity.USER_HEADER));
        }
        return caller;
    }

    public boolean authenticated() {
        return userId != null;
    }

    public boolean admin() {
        return roles.contains(ForwardedIdentity.ROLE_ADMIN);
    }

    /** Whether the caller may act for, or use what is owned by, {@code userId}: it is them, or an admin. */
    public boolean mayActFor(String userId) {
        return authenticated() && (admin() || this.userId.equals(userId));
    }

    /** The value of {@link ForwardedIdentity#USER_HEADER} for calls made on this caller's behalf; null if anonymous. */
    public String userHeader() {
        return userId;
    }

    /** The value of {@link ForwardedIdentity#ROLES_HEADER}; null if anonymous. */
    public String rolesHeader() {
        return authenticated() ? ForwardedIdentity.formatRoles(roles) : null;
    }
}
