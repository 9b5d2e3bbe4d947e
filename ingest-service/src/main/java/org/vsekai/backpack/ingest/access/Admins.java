package org.vsekai.backpack.ingest.access;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;

/** Routes for admins only: the job queue, batch imports. */
public final class Admins {

    private Admins() {
    }

    /** The forwarded caller, when an admin; 401 without one, 403 for anyone else ({@code what}: "Imports"). */
    public static Caller required(String userHeader, String rolesHeader, String what) {
        Caller caller = Caller.required(userHeader, rolesHeader);
        if (!caller.admin()) {
            throw new ProblemException(Problem.ofType("forbidden", 403, "Forbidden", what + " are for admins"));
        }
        return caller;
    }
}
