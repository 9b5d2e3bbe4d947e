package org.vsekai.backpack.gateway.recommendation;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.SessionRequest;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.Access;
import org.vsekai.backpack.gateway.security.CurrentCaller;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Recommendations, served by the recommender-service; a user's and similar items are relayed as bytes. */
@Path(Peers.API)
@Tag(name = "Recommendations", description = "Items for a user, for an anonymous session, and similar items")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    private final RecommenderClient recommender;
    private final CurrentCaller caller;

    public RecommendationResource(@RestClient RecommenderClient recommender, CurrentCaller caller) {
        this.recommender = recommender;
        this.caller = caller;
    }

    @GET
    @Path("users/{id}/recommendations")
    @Authenticated
    @RateLimited(RateClass.READ)
    @Operation(summary = "Recommendations for a user",
            description = "Best first; at most limit items. A user reads only their own; an admin anyone's.")
    @APIResponse(responseCode = "200", description = "The recommended items",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Recommendations.class)))
    @APIResponse(responseCode = "400", description = "Invalid user id or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Relayed from the recommender, as any of its 4xx problems",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The recommender is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> recommendations(@PathParam("id") String userId, @BeanParam RankedQuery query) {
        int limit = query.checkedLimit();
        RequestChecks.id("id", userId);
        Access.requireMayActFor(caller.get(), userId);
        return recommender.recommendations(userId, limit, query.kind()).map(Peers::relay);
    }

    @GET
    @Path("items/{id}/similar")
    @PermitAll
    @RateLimited(RateClass.READ)
    @Operation(summary = "Items similar to an item",
            description = "Item-to-item similarity; public, no token needed. Best first; at most limit items.")
    @APIResponse(responseCode = "200", description = "The similar items",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SimilarItems.class)))
    @APIResponse(responseCode = "400", description = "Invalid item id or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The recommender is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> similar(@PathParam("id") String itemId, @BeanParam RankedQuery query) {
        int limit = query.checkedLimit();
        RequestChecks.id("id", itemId);
        return recommender.similar(itemId, limit, query.kind()).map(Peers::relay);
    }

    @POST
    @Path("recommendations")
    @PermitAll
    @RateLimited(RateClass.READ)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recommendations for an anonymous session",
            description = "The items a visitor touched, in order; no token needed (limited per client address). "
                    + "The answer has no user id.")
    @APIResponse(responseCode = "200", description = "The recommended items",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Recommendations.class)))
    @APIResponse(responseCode = "400", description = "Malformed session",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The recommender is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Recommendations> forSession(SessionRequest session) {
        if (session == null) {
            throw new ProblemException(Problem.invalid("The body must be a session object", List.of()));
        }
        return recommender.forSession(session);
    }
}
