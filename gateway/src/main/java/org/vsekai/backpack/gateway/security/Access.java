package org.vsekai.backpack.gateway.security;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;

/** The access rules that depend on the request itself, beyond the role annotations on resources. */
public final class Access {

    private Access() {
    }

    /** A user acts only for themselves; an admin for anyone. */
    public static void requireMayActFor(Caller caller, String userId) {
        if (!caller.authenticated()) {
            throw new ProblemException(unauthorized("This request needs a bearer token"));
        }
        if (!caller.mayActFor(userId)) {
            throw new ProblemException(forbidden("A user may act only on their own data; " + caller.userId()
                    + " is not " + userId));
        }
    }

    public static Problem unauthorized(String detail) {
        return Problem.ofType("unauthorized", 401, "Unauthorized", detail);
    }

    public static Problem forbidden(String detail) {
        return Problem.ofType("forbidden", 403, "Forbidden", detail);
    }
}
