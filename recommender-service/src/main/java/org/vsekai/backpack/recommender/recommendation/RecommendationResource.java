package org.vsekai.backpack.recommender.recommendation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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

import io.smallrye.mutiny.Uni;

@Path("/users/{userId}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recommendations")
public class RecommendationResource {

    public static final int MAX_LIMIT = 100;

    private final PopularityRecommender recommender;

    public RecommendationResource(PopularityRecommender recommender) {
        this.recommender = recommender;
    }

    @GET
    @Operation(summary = "Items for a user", description = "Most popular items the user has not interacted with.")
    public Uni<Recommendations> forUser(@PathParam("userId") @NotBlank @Size(max = 256) String userId,
                                        @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(MAX_LIMIT) int limit) {
        return recommender.recommend(userId, limit);
    }
}
