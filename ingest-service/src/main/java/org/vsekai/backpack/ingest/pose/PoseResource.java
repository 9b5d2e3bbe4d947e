package org.vsekai.backpack.ingest.pose;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.pose.PoseSearchRequest;
import org.vsekai.backpack.contracts.pose.PoseSearchResult;
import org.vsekai.backpack.kit.identity.Caller;

import io.smallrye.mutiny.Uni;

/** Pose search over HTTP, for the gateway; {@link PoseService} holds the logic. */
@Path("/poses")
@Tag(name = "poses", description = "The poses found in scenes' frames, searched by similarity")
public class PoseResource {

    private final PoseService poses;

    public PoseResource(PoseService poses) {
        this.poses = poses;
    }

    @POST
    @Path("search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search poses", description = "The caller's poses most like a stored pose, a frame's body or "
            + "given points: exact below exact-below poses, Lucene HNSW above.")
    @APIResponse(responseCode = "200", description = "The poses found",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PoseSearchResult.class)))
    @APIResponse(responseCode = "400", description = "Not exactly one query, bad points, method or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Another user's pose, or another owner named by a non-admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such pose, or the frame has no such body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The query pose has no hips (no-root) or no torso (no-torso)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PoseSearchResult> search(
            @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
            @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles,
            PoseSearchRequest request) {
        return poses.search(Caller.required(user, roles), request);
    }
}
