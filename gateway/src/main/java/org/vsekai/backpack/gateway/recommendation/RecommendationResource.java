package org.vsekai.backpack.gateway.recommendation;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.http.Problem.FieldError;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.gateway.identifier.IdentifierRules;
import org.vsekai.backpack.kit.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A user's recommendations, served by the recommender-service and relayed as they are. */
@Path("/api/v1/users/{id}/recommendations")
@Tag(name = "Recommendations")
public class RecommendationResource {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final RecommendationService recommendations;
    private final IdentifierRules identifiers;

    public RecommendationResource(RecommendationService recommendations, IdentifierRules identifiers) {
        this.recommendations = recommendations;
        this.identifiers = identifiers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recommendations for a user", description = "Best first; at most limit items.")
    @APIResponse(responseCode = "200", description = "The recommended items",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Recommendations.class)))
    @APIResponse(responseCode = "400", description = "Invalid user id or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Relayed from the recommender, as any of its 4xx problems",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The recommender is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Recommendations> recommendations(
            @PathParam("id") String userId,
            // Read as text so that "abc" is a 400 naming the parameter, not JAX-RS' 404 for unconvertible queries.
            @Parameter(description = "How many items, 1 to 100",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "10"))
            @QueryParam("limit") String limit) {
        int checkedLimit = checkLimit(limit);
        identifiers.problemWith(userId).ifPresent(message -> {
            throw new ProblemException(
                    Problem.invalid("The user id is not valid", List.of(new FieldError("id", message))));
        });
        return recommendations.recommendationsFor(userId, checkedLimit)
                .onFailure().transform(RecommendationService::asProblem);
    }

    private static int checkLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
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
