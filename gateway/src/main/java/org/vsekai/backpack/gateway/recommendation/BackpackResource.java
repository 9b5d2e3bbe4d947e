package org.vsekai.backpack.gateway.recommendation;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.Access;
import org.vsekai.backpack.gateway.security.CurrentCaller;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A user's backpack (what they keep), as the recommender holds it; relayed as it is. */
@Path(Peers.API)
@Tag(name = "Backpack", description = "What a user keeps")
public class BackpackResource {

    private final RecommenderClient recommender;
    private final CurrentCaller caller;

    public BackpackResource(@RestClient RecommenderClient recommender, CurrentCaller caller) {
        this.recommender = recommender;
        this.caller = caller;
    }

    @GET
    @Path("users/{id}/backpack")
    @Authenticated
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A user's backpack", description = "A user reads only their own; an admin anyone's.")
    @APIResponse(responseCode = "200", description = "The backpack, as the recommender describes it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "503", description = "The recommender is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> backpack(@PathParam("id") String userId) {
        Access.requireMayActFor(caller.get(), userId);
        return recommender.backpack(userId).map(Peers::relay);
    }
}
