package org.vsekai.backpack.gateway.pose;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.pose.PoseSearchRequest;
import org.vsekai.backpack.contracts.pose.PoseSearchResult;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.gateway.limits.BodyLimits;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.upload.IngestClient;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Poses, served by the ingest-service (docs/adr/0022): each body its pose model found in a scene's frames, 3D where
 * two or more calibrated cameras saw one instant, and a search over the caller's own poses. The service checks who
 * owns what; the gateway relays its answers as they are.
 */
@Path(Peers.API)
@Authenticated
@Tag(name = "Poses", description = "Poses found in scenes' frames: for avatars, and searched by similarity")
public class PoseResource {

    private final IngestClient ingest;
    private final long maxQueryBody;

    public PoseResource(@RestClient IngestClient ingest, GatewayConfig config) {
        this.ingest = ingest;
        this.maxQueryBody = config.limits().maxPoseQueryBody().asLongValue();
    }

    @GET
    @Path("scenes/{id}/poses")
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A scene's poses",
            description = "Every body found in its frames (single-camera-2d: COCO-17 points in pixels and image-plane "
                    + "bone angles) and every instant two or more calibrated cameras saw (triangulated-3d: points in "
                    + "scene units, the largest reprojection error, and each joint's rotation from the T-pose keyed by "
                    + "humanoid bone, to drive a rig). Its owner or an admin.")
    @APIResponse(responseCode = "200", description = "The poses, in capture order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "403", description = "Another user's scene (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No scene has that id (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The ingest service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> scenePoses(@PathParam("id") String sceneId) {
        RequestChecks.id("id", sceneId);
        return ingest.scenePoses(sceneId).map(Peers::relay);
    }

    @POST
    @Path("poses/search")
    @RateLimited(RateClass.READ)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search poses",
            description = "The caller's poses most like a query: a stored pose (poseId), a frame's body (frameId, "
                    + "person) or 17 points with their method; rotationInvariant compares them in the body's own "
                    + "frame. Exact below the service's exact-below poses per owner, Lucene HNSW above (search says "
                    + "which). An admin may name another owner.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PoseSearchRequest.class)))
    @APIResponse(responseCode = "200", description = "The poses found, most similar first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PoseSearchResult.class)))
    @APIResponse(responseCode = "400", description = "Not exactly one query, or bad points, method or limit (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Another user's pose or owner (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such pose, or no such body in the frame (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "A body larger than the gateway takes (body-too-large)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The query pose has no hips or no torso (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The ingest service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> search(byte[] query) {
        BodyLimits.requireAtMost(query, maxQueryBody);
        return ingest.searchPoses(query).map(Peers::relay);
    }
}
