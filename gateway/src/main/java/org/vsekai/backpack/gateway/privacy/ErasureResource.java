package org.vsekai.backpack.gateway.privacy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.Access;
import org.vsekai.backpack.gateway.security.CurrentCaller;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The right to erasure: a user (or an admin for them) asks for everything personal of theirs to be deleted. */
@Path(Peers.API)
@Tag(name = "Privacy", description = "Erasing a user's personal data")
public class ErasureResource {

    private final ErasureService erasures;
    private final CurrentCaller caller;

    public ErasureResource(ErasureService erasures, CurrentCaller caller) {
        this.erasures = erasures;
        this.caller = caller;
    }

    @DELETE
    @Path("users/{id}")
    @Authenticated
    @RateLimited(RateClass.WRITE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a user's personal data",
            description = "Self or admin. Publishes one erasure event that every service holding personal rows "
                    + "(interactions, backpack, uploads) consumes, deleting them; the answer comes once the event "
                    + "is stored. Repeating it is harmless.")
    @APIResponse(responseCode = "202", description = "The erasure is under way",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AcceptedErasure.class)))
    @APIResponse(responseCode = "403", description = "Another user's id, and the caller is no admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The event log did not confirm the request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<AcceptedErasure>> erase(@PathParam("id") String userId) {
        RequestChecks.id("id", userId);
        Caller who = caller.get();
        Access.requireMayActFor(who, userId);
        return erasures.erase(userId, who.userId())
                .map(erasure -> RestResponse.accepted(new AcceptedErasure(userId, erasure.eventId())));
    }
}
