package org.vsekai.backpack.recommender.recommendation;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.http.Problem.FieldError;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;

/**
 * The query of a ranked answer, {@code ?limit=N&kind=K}: one definition for the user-item and item-item endpoints
 * ({@code @BeanParam}). The limit follows the suite's rule ({@link RequestChecks#limit}); the kind is a lower-case
 * word, as in a session's body. Each is a 400 problem naming the field.
 */
public class RankedQuery {

    /** Kinds are lower-case words ({@code avatar}, {@code map}, {@code prop}, {@code scene}). */
    public static final String KIND_PATTERN = "[a-z0-9][a-z0-9_-]{0,63}";

    @QueryParam(Paging.LIMIT_PARAMETER)
    @Parameter(description = "How many items, 1 to " + Paging.MAX_LIMIT, schema = @Schema(type = SchemaType.INTEGER,
            minimum = "1", maximum = "" + Paging.MAX_LIMIT, defaultValue = "" + Paging.DEFAULT_RANKED))
    String limit;

    @QueryParam("kind")
    @Parameter(description = "Only items of this kind: avatar, map, prop or scene",
            schema = @Schema(pattern = KIND_PATTERN))
    String kind;

    /** The limit asked for, {@link Paging#DEFAULT_RANKED} when none was. */
    public int limit() {
        return RequestChecks.limit(limit, Paging.DEFAULT_RANKED);
    }

    /** The kind asked for; null for any kind. */
    public String kind() {
        kindProblem(kind).ifPresent(error -> {
            throw new ProblemException(Problem.invalid("The kind is not valid", List.of(error)));
        });
        return kind;
    }

    /** What is wrong with {@code kind}, if anything; null is no kind, which is fine. */
    static Optional<FieldError> kindProblem(String kind) {
        return kind == null || kind.matches(KIND_PATTERN) ? Optional.empty()
                : Optional.of(new FieldError("kind", "must match \"" + KIND_PATTERN + "\""));
    }
}
