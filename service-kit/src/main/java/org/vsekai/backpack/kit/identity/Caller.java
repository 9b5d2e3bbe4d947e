package org.vsekai.backpack.kit.identity;

import java.util.Set;

import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.problem.ProblemException;

/**
 * Who is calling, as the gateway forwarded it ({@link ForwardedIdentity}). The gateway strips these headers from
 * client requests and sets them from a verified token, so services trust them as they come (they are not publicly
 * reachable).
 */
public record Caller(String userId, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The caller of a request that needs one: a 401 problem when the gateway forwarded no user. */
    public static Caller required(String userHeader, String rolesHeader) {
        if (userHeader == null || userHeader.isBlank()) {
            throw new ProblemException(Problem.ofType("unauthenticated", 401, "Authentication required",
                    "This request needs a signed-in user; none was forwarded in " + ForwardedIdentity.USER_HEADER));
        }
        return new Caller(userHeader.strip(), ForwardedIdentity.parseRoles(rolesHeader));
    }

    public boolean admin() {
        return roles.contains(ForwardedIdentity.ROLE_ADMIN);
    }

    /** Whether the caller may read or change something {@code ownerId} owns: its owner, or an admin. */
    public boolean mayUse(String ownerId) {
        return admin() || userId.equals(ownerId);
    }
}
