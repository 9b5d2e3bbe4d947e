package org.vsekai.backpack.recommender.recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.http.Problem.FieldError;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.SessionRequest;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;

/** Recommendations for an anonymous session: the items a visitor touched in, recommendations out. */
@Path("/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "recommendations")
public class SessionResource {

    /** More items than this say nothing more about a session, and cost more to score. */
    public static final int MAX_ITEMS = 100;

    private final RecommendationService recommendations;

    public SessionResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @POST
    @Operation(summary = "Items for a session", description = "Item-item recommendations (RP3beta) from the"
            + " session's items, none of them repeated; live popularity when the model knows none of them.")
    public Recommendations forSession(SessionRequest request) {
        // The request record lives in contracts without bean-validation annotations: checked here, by the suite's
        // rules for ids and limits (RequestChecks), every field at once.
        if (request == null) {
            throw new ProblemException(Problem.invalid("The request has no body",
                    List.of(new FieldError("items", "must be given"))));
        }
        List<FieldError> errors = new ArrayList<>();
        Integer limit = checked(errors, () -> RequestChecks.limit(
                request.limit() == null ? null : String.valueOf(request.limit()), Paging.DEFAULT_RANKED));
        if (request.items().size() > MAX_ITEMS) {
            errors.add(new FieldError("items", "size must be at most " + MAX_ITEMS));
        }
        for (int i = 0; i < request.items().size(); i++) {
            String field = "items[" + i + "]";
            String item = request.items().get(i);
            checked(errors, () -> RequestChecks.id(field, item));
        }
        RankedQuery.kindProblem(request.kind()).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The request is not valid", errors));
        }
        return recommendations.session(request.items(), limit, request.kind());
    }

    /** The check's value; null, with its fields added to {@code errors}, when it is a 400 problem. */
    private static <T> T checked(List<FieldError> errors, Supplier<T> check) {
        try {
            return check.get();
        } catch (ProblemException e) {
            errors.addAll(e.problem().errors());
            return null;
        }
    }
}
