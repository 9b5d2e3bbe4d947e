package org.vsekai.backpack.recommender.recommendation;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;
import org.vsekai.backpack.kit.request.RequestChecks;

/**
 * User-item and item-item recommendations. Internal: the gateway exposes the same paths under {@code /api/v1}.
 * Scoring is a few milliseconds of CPU at most, so these run on worker threads (plain return types). Ids and limits
 * are checked by the suite's one rule ({@link RequestChecks}): a 400 problem naming the field.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recommendations")
public class RecommendationResource {

    /** Kinds are lower-case words ({@code avatar}, {@code map}, {@code prop}, {@code scene}). */
    public static final String KIND_PATTERN = "[a-z0-9][a-z0-9_-]{0,63}";
    private static final String LIMIT = "How many items, 1 to " + Paging.MAX_LIMIT;

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @Path("/users/{userId}/recommendations")
    @Operation(summary = "Items for a user", description = "User-item recommendations (iALS; RP3beta over the"
            + " user's recent items when the model does not know them yet; live popularity for a cold user),"
            + " never an item in the user's backpack or one they already saw.")
    public Recommendations forUser(@PathParam("userId") String userId,
            @Parameter(description = LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "" + Paging.MAX_LIMIT, defaultValue = "" + Paging.DEFAULT_RANKED))
            @QueryParam(Paging.LIMIT_PARAMETER) String limit,
            @QueryParam("kind") @Pattern(regexp = KIND_PATTERN) String kind) {
        return recommendations.forUser(RequestChecks.id("userId", userId),
                RequestChecks.limit(limit, Paging.DEFAULT_RANKED), kind);
    }

    @GET
    @Path("/items/{itemId}/similar")
    @Operation(summary = "Items similar to an item", description = "Item-item neighbours (RP3beta); 404 for an"
            + " item the recommender has never seen.")
    public SimilarItems similar(@PathParam("itemId") String itemId,
            @Parameter(description = LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "" + Paging.MAX_LIMIT, defaultValue = "" + Paging.DEFAULT_RANKED))
            @QueryParam(Paging.LIMIT_PARAMETER) String limit,
            @QueryParam("kind") @Pattern(regexp = KIND_PATTERN) String kind) {
        return recommendations.similar(RequestChecks.id("itemId", itemId),
                RequestChecks.limit(limit, Paging.DEFAULT_RANKED), kind);
    }
}
