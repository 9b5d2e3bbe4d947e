package org.vsekai.backpack.ingest.scene;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.pose.ScenePose;
import org.vsekai.backpack.contracts.scene.FrameFormat;
import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.ingest.frame.FrameAccepted;
import org.vsekai.backpack.ingest.frame.FrameService;
import org.vsekai.backpack.ingest.frame.FrameStore;
import org.vsekai.backpack.ingest.job.UploadProgress;
import org.vsekai.backpack.ingest.pose.PoseService;
import org.vsekai.backpack.ingest.share.SceneShares;
import org.vsekai.backpack.ingest.share.ShareService;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Scenes and their frames over HTTP, for the gateway (which streams bodies here as they arrive). Maps only;
 * {@link SceneService} and {@link FrameService} hold the logic. Every call needs the forwarded caller.
 */
@Path("/scenes")
@Tag(name = "scenes", description = "Scene uploads, their processing state, cameras and frames")
public class SceneResource {

    public static final String CAPTURED_AT_HEADER = "X-Backpack-Captured-At";

    private final SceneService uploads;
    private final FrameService frames;
    private final SceneStore scenes;
    private final FrameStore frameRows;
    private final UploadProgress progress;
    private final Pool pool;
    private final PoseService poses;
    private final ShareService shares;

    public SceneResource(SceneService uploads, FrameService frames, SceneStore scenes, FrameStore frameRows,
                         UploadProgress progress, Pool pool, PoseService poses, ShareService shares) {
        this.uploads = uploads;
        this.frames = frames;
        this.scenes = scenes;
        this.frameRows = frameRows;
        this.progress = progress;
        this.pool = pool;
        this.poses = poses;
        this.shares = shares;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a scene", description = "GLB, glTF with data: buffers, or a Godot .tscn, owned by the "
            + "forwarded user; streamed into the blob store, checked, and queued for parsing.")
    @APIResponse(responseCode = "202", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UploadAccepted.class)))
    @APIResponse(responseCode = "413", description = "Larger than max-upload-bytes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not a scene format",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A broken or hostile file; the first error's code and place",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> upload(@Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Caller caller = Caller.required(user, roles);
        SceneFormat format = SceneFormat.ofMediaType(contentType)
                .orElseThrow(() -> unsupported(contentType, SceneFormat.mediaTypes()));
        return uploads.upload(caller.userId(), format, body)
                .map(accepted -> Response.accepted(accepted).location(URI.create("/scenes/" + accepted.sceneId()))
                        .build());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One scene", description = "State, cameras, packets, frames (each with the detections and "
            + "poses the vision-service found in it) and jobs; its owner or an admin.")
    @APIResponse(responseCode = "200", description = "The scene",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SceneView.class)))
    @APIResponse(responseCode = "403", description = "Another user's scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SceneView> scene(@PathParam("id") String id,
                                @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles) {
        Caller caller = Caller.required(user, roles);
        UUID sceneId = sceneId(id);
        return scenes.find(pool, sceneId)
                .map(scene -> SceneProblems.requireVisible(scene, sceneId, caller))
                .chain(scene -> scenes.cameras(pool, sceneId).chain(cameras -> frameRows.ofScene(pool, sceneId)
                        .chain(found -> frameRows.findingsOfScene(pool, sceneId).chain(findings -> progress.of(sceneId)
                                .map(steps -> SceneView.of(scene, cameras, found, findings, steps.jobs()))))));
    }

    @GET
    @Path("{id}/access")
    @Operation(summary = "Whether the caller may follow a scene", description = "204 when the caller may follow the "
            + "scene (its owner, an admin, or a user it is shared with), as the gateway asks before it opens the "
            + "scene's avatar stream.")
    @APIResponse(responseCode = "204", description = "The caller may follow the scene")
    @APIResponse(responseCode = "403", description = "Another user's scene, not shared with the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> access(@PathParam("id") String id,
                            @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                            @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles) {
        return shares.requireFollowable(Caller.required(user, roles), sceneId(id)).replaceWithVoid();
    }

    @GET
    @Path("{id}/shares")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who a scene is shared with", description = "Its owner or an admin.")
    @APIResponse(responseCode = "200", description = "The users it is shared with, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SceneShares.class)))
    @APIResponse(responseCode = "403", description = "Another user's scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SceneShares> shares(@PathParam("id") String id,
                                   @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                   @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER)
                                   String roles) {
        return shares.of(Caller.required(user, roles), sceneId(id));
    }

    @PUT
    @Path("{id}/shares/{user}")
    @Operation(summary = "Share a scene with a user", description = "They may then follow it: its avatar stream "
            + "and its poses. Its owner or an admin; sharing again changes nothing.")
    @APIResponse(responseCode = "201", description = "Shared")
    @APIResponse(responseCode = "204", description = "It already was")
    @APIResponse(responseCode = "400", description = "Not a valid user id, or the scene's owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Another user's scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Shared with max-shares-per-scene users already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> share(@PathParam("id") String id, @PathParam("user") String with,
                               @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                               @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles) {
        return shares.share(Caller.required(user, roles), sceneId(id), with)
                .map(created -> Response.status(created ? 201 : 204).build());
    }

    @DELETE
    @Path("{id}/shares/{user}")
    @Operation(summary = "Stop sharing a scene with a user", description = "Its owner or an admin. A stream the "
            + "user has open stays open until their token expires.")
    @APIResponse(responseCode = "204", description = "No longer shared")
    @APIResponse(responseCode = "403", description = "Another user's scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such scene, or not shared with that user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> unshare(@PathParam("id") String id, @PathParam("user") String with,
                             @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                             @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles) {
        return shares.unshare(Caller.required(user, roles), sceneId(id), with);
    }

    @POST
    @Path("{id}/cameras/{camera}/frames")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a frame of a scene camera", description = "PNG or JPEG; its header is checked before "
            + "any pixel is decoded. Optional " + CAPTURED_AT_HEADER + ": when it was captured (ISO-8601).")
    @APIResponse(responseCode = "202", description = "Stored and queued for camera-frames",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FrameAccepted.class)))
    @APIResponse(responseCode = "404", description = "No such scene or camera",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The scene is not parsed yet, or failed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than max-frame-bytes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A broken header, or more pixels than the limits",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> frame(@PathParam("id") String id, @PathParam("camera") String camera,
                               @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                               @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @HeaderParam(CAPTURED_AT_HEADER) String capturedAt, InputStream body) {
        Caller caller = Caller.required(user, roles);
        UUID sceneId = sceneId(id);
        RequestChecks.id("camera", camera);
        FrameFormat format = FrameFormat.ofMediaType(contentType)
                .orElseThrow(() -> unsupported(contentType, FrameFormat.mediaTypes()));
        return frames.post(caller, sceneId, camera, format, instant(capturedAt), body)
                .map(accepted -> Response.accepted(accepted).build());
    }

    @GET
    @Path("{id}/poses")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A scene's poses", description = "Every body found in its frames (single-camera-2d, with "
            + "image-plane bone angles) and every instant two or more calibrated cameras saw (triangulated-3d, with "
            + "the points, the reprojection error and each joint's rotation from the T-pose); its owner or an admin.")
    @APIResponse(responseCode = "200", description = "The poses, in capture order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScenePose.Poses.class)))
    @APIResponse(responseCode = "403", description = "Another user's scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScenePose.Poses> poses(@PathParam("id") String id,
                                      @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER)
                                      String user,
                                      @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER)
                                      String roles) {
        return poses.ofScene(Caller.required(user, roles), sceneId(id));
    }

    @GET
    @Path("{id}/frames/{frame}/image")
    @Produces({"image/png", "image/jpeg", Problem.MEDIA_TYPE})
    @Operation(summary = "A frame's image", description = "The bytes as they were posted; its owner or an admin.")
    @APIResponse(responseCode = "200", description = "The image")
    @APIResponse(responseCode = "403", description = "Another user's scene",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such scene or frame",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> frameImage(@PathParam("id") String id, @PathParam("frame") String frame,
                                    @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                    @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER)
                                    String roles) {
        Caller caller = Caller.required(user, roles);
        return frames.image(caller, sceneId(id), uuid("frame", frame))
                .map(image -> Response.ok(image.bytes(), image.mediaType()).build());
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(RequestChecks.id(field, value));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalid("The " + field + " id is not valid",
                    List.of(new Problem.FieldError(field, "must be a UUID"))));
        }
    }

    private static UUID sceneId(String id) {
        try {
            return UUID.fromString(RequestChecks.id("id", id));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalid("The scene id is not valid",
                    List.of(new Problem.FieldError("id", "must be a UUID"))));
        }
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.invalid("The capture time is not valid",
                    List.of(new Problem.FieldError(CAPTURED_AT_HEADER, "must be an ISO-8601 instant"))));
        }
    }

    static ProblemException unsupported(String contentType, String accepted) {
        return new ProblemException(Problem.unsupportedMediaType(contentType, accepted));
    }
}
