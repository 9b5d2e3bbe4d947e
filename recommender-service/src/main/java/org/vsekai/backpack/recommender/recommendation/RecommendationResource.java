package org.vsekai.backpack.recommender.recommendation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;

/**
 * User-item and item-item recommendations. Internal: the gateway exposes the same paths under {@code /api/v1}.
 * Scoring is a few milliseconds of CPU at most, so these run on worker threads (plain return types).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recommendations")
public class RecommendationResource {

    public static final int MAX_LIMIT = 100;
    /** Kinds are lower-case words ({@code avatar}, {@code map}, {@code prop}, {@code scene}). */
    public static final String KIND_PATTERN = "[a-z0-9][a-z0-9_-]{0,63}";

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @Path("/users/{userId}/recommendations")
    @Operation(summary = "Items for a user", description = "User-item recommendations (iALS; RP3beta over the"
            + " user's recent items when the model does not know them yet; live popularity for a cold user),"
            + " never an item in the user's backpack or one they already saw.")
    public Recommendations forUser(@PathParam("userId") @NotBlank @Size(max = 256) String userId,
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(MAX_LIMIT) int limit,
            @QueryParam("kind") @Pattern(regexp = KIND_PATTERN) String kind) {
        return recommendations.forUser(userId, limit, kind);
    }

    @GET
    @Path("/items/{itemId}/similar")
    @Operation(summary = "Items similar to an item", description = "Item-item neighbours (RP3beta); 404 for an"
            + " item the recommender has never seen.")
    public SimilarItems similar(@PathParam("itemId") @NotBlank @Size(max = 256) String itemId,
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(MAX_LIMIT) int limit,
            @QueryParam("kind") @Pattern(regexp = KIND_PATTERN) String kind) {
        return recommendations.similar(itemId, limit, kind);
    }
}
