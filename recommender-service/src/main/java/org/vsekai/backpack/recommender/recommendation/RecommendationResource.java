package org.vsekai.backpack.recommender.recommendation;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;
import org.vsekai.backpack.kit.request.RequestChecks;

/**
 * User-item and item-item recommendations. Internal: the gateway exposes the same paths under {@code /api/v1}.
 * Scoring is a few milliseconds of CPU at most, so these run on worker threads (plain return types). Ids and limits
 * are checked by the suite's one rule ({@link RequestChecks}), the query by {@link RankedQuery}: a 400 problem
 * naming the field.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recommendations")
public class RecommendationResource {

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @Path("/users/{userId}/recommendations")
    @Operation(summary = "Items for a user", description = "User-item recommendations (iALS; RP3beta over the"
            + " user's recent items when the model does not know them yet; live popularity for a cold user),"
            + " never an item in the user's backpack or one they already saw.")
    public Recommendations forUser(@PathParam("userId") String userId, @BeanParam RankedQuery query) {
        return recommendations.forUser(RequestChecks.id("userId", userId), query.limit(), query.kind());
    }

    @GET
    @Path("/items/{itemId}/similar")
    @Operation(summary = "Items similar to an item", description = "Item-item neighbours (RP3beta); 404 for an"
            + " item the recommender has never seen.")
    public SimilarItems similar(@PathParam("itemId") String itemId, @BeanParam RankedQuery query) {
        return recommendations.similar(RequestChecks.id("itemId", itemId), query.limit(), query.kind());
    }
}
