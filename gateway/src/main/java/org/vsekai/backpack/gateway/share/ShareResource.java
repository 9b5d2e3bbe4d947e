package org.vsekai.backpack.gateway.share;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.upload.IngestClient;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * A scene's shares, kept by the ingest-service (docs/adr/0023): the users besides its owner who may follow it, its
 * avatar stream and its poses. The owner (or an admin) manages them; the service checks who owns the scene.
 */
@Path(Peers.API)
@Authenticated
// The tag is PoseResource's (described there): shares say who may follow a scene's poses.
@Tag(name = "Poses")
public class ShareResource {

    private final IngestClient ingest;

    public ShareResource(@RestClient IngestClient ingest) {
        this.ingest = ingest;
    }

    @GET
    @Path("scenes/{id}/shares")
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who a scene is shared with", description = "The users who may follow it besides its "
            + "owner, newest first: userId, sharedBy, createdAt. Its owner or an admin.")
    @APIResponse(responseCode = "200", description = "The scene's shares",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "403", description = "Another user's scene (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No scene has that id (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The ingest service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> shares(@PathParam("id") String sceneId) {
        RequestChecks.id("id", sceneId);
        return ingest.shares(sceneId).map(Peers::relay);
    }

    @PUT
    @Path("scenes/{id}/shares/{user}")
    @RateLimited(RateClass.WRITE)
    @Operation(summary = "Share a scene with a user", description = "They may then follow its avatar stream and "
            + "read its poses. Its owner or an admin; sharing again changes nothing (204).")
    @APIResponse(responseCode = "201", description = "Shared")
    @APIResponse(responseCode = "204", description = "It already was")
    @APIResponse(responseCode = "400", description = "Not a valid user id, or the scene's owner (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Another user's scene (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No scene has that id (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The scene is shared with as many users as it may be (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The ingest service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> share(@PathParam("id") String sceneId, @PathParam("user") String userId) {
        RequestChecks.id("id", sceneId);
        RequestChecks.id("user", userId);
        return ingest.share(sceneId, userId).map(Peers::relay);
    }

    @DELETE
    @Path("scenes/{id}/shares/{user}")
    @RateLimited(RateClass.WRITE)
    @Operation(summary = "Stop sharing a scene with a user", description = "Its owner or an admin. A stream the "
            + "user has open stays open until their token expires.")
    @APIResponse(responseCode = "204", description = "No longer shared")
    @APIResponse(responseCode = "403", description = "Another user's scene (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such scene, or not shared with that user (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The ingest service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> unshare(@PathParam("id") String sceneId, @PathParam("user") String userId) {
        RequestChecks.id("id", sceneId);
        RequestChecks.id("user", userId);
        return ingest.unshare(sceneId, userId).map(Peers::relay);
    }
}
