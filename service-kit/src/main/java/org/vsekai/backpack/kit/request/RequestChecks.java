package org.vsekai.backpack.kit.request;

import java.util.List;

import org.vsekai.backpack.contracts.Identifiers;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.http.Problem.FieldError;
import org.vsekai.backpack.kit.problem.ProblemException;

/**
 * The checks of identifiers ({@link Identifiers}) and limits ({@link Paging}) every resource makes, each a 400
 * problem naming the field. A limit is read as text, so that {@code limit=abc} is such a 400 too, not JAX-RS' 404
 * for a query parameter it cannot convert.
 */
public final class RequestChecks {

    private RequestChecks() {
    }

    /** {@code id} itself when it is a valid identifier; a 400 problem naming {@code field} otherwise. */
    public static String id(String field, String id) {
        Identifiers.problemWith(id).ifPresent(message -> {
            throw new ProblemException(
                    Problem.invalid("The " + field + " is not valid", List.of(new FieldError(field, message))));
        });
        return id;
    }

    /** The limit asked for, {@code defaultLimit} when none was; a 400 problem when it is not 1 to the maximum. */
    public static int limit(String limit, int defaultLimit) {
        if (limit == null || limit.isEmpty()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= Paging.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProblemException(Problem.invalid("The limit is not valid", List.of(new FieldError(
                Paging.LIMIT_PARAMETER, "must be a whole number from 1 to " + Paging.MAX_LIMIT))));
    }
}
