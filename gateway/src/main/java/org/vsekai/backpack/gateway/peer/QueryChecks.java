package org.vsekai.backpack.gateway.peer;

import java.util.List;

import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.http.Problem.FieldError;
import org.vsekai.backpack.kit.problem.ProblemException;

/** Checks of query parameters the gateway does itself, so a bad one never costs a call to a service. */
public final class QueryChecks {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    private QueryChecks() {
    }

    /**
     * A limit read as text, so that "abc" is a 400 naming the parameter, not JAX-RS' 404 for unconvertible queries.
     */
    public static int limit(String limit) {
        return limit(limit, DEFAULT_LIMIT);
    }

    public static int limit(String limit, int defaultLimit) {
        if (limit == null || limit.isEmpty()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProblemException(Problem.invalid("The limit is not valid",
                List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT))));
    }
}
