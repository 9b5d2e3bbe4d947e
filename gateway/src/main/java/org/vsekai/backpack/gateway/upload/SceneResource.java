package org.vsekai.backpack.gateway.upload;

import java.io.InputStream;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.scene.FrameFormat;
import org.vsekai.backpack.contracts.scene.SceneFormat;
import org.vsekai.backpack.gateway.config.GatewayConfig;
import org.vsekai.backpack.gateway.limits.BodyLimits;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * Scenes, served by the ingest-service: uploads and frames are streamed to it as they arrive, never held here, and
 * held to their limits while they stream ({@link StreamedBody}); a body that grows past its limit is cut off with
 * a 413 problem and the connection closed. Owners and admins read a scene; the service checks who owns it.
 */
@Path(Peers.API)
@Tag(name = "Uploads", description = "Scene uploads and their processing state")
public class SceneResource {

    public static final String NDJSON = "application/x-ndjson";
    /** When a frame was captured (ISO-8601), passed on to the ingest-service; the time it arrived otherwise. */
    public static final String CAPTURED_AT_HEADER = "X-Backpack-Captured-At";

    private final IngestClient ingest;
    private final IngestUploadClient uploads;
    private final GatewayConfig.Limits limits;

    public SceneResource(@RestClient IngestClient ingest, @RestClient IngestUploadClient uploads,
                         GatewayConfig config) {
        this.ingest = ingest;
        this.uploads = uploads;
        this.limits = config.limits();
    }

    @POST
    @Path("scenes")
    @Authenticated
    @RateLimited(RateClass.UPLOAD)
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a scene",
            description = "A GLB (model/gltf-binary), a glTF with embedded data: buffers (model/gltf+json) or, best "
                    + "effort, a Godot text scene (application/x-godot-scene), owned by the caller. Streamed to the "
                    + "ingest service, which stores it by content hash and checks it as a glTF validator would; 202 "
                    + "with the scene id, the upload's job id and the content hash. The same bytes twice are stored "
                    + "once, and the answer says so.")
    @RequestBody(content = {@Content(mediaType = "model/gltf-binary"), @Content(mediaType = "model/gltf+json"),
            @Content(mediaType = "application/x-godot-scene")})
    @APIResponse(responseCode = "202", description = "Stored; processing follows (see Location)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "413", description = "More than the upload limit (64 MiB by default)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not one of the three formats",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A broken file: the problem names the first error's JSON "
            + "pointer (or byte offset) and the glTF validator's issue code (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The ingest service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        if (SceneFormat.ofMediaType(contentType).isEmpty()) {
            throw unsupported(contentType, SceneFormat.mediaTypes());
        }
        return streamed(body, limits.maxSceneBody().asLongValue(),
                chunks -> uploads.uploadScene(contentType, chunks.chunks()));
    }

    @GET
    @Path("scenes/{id}")
    @Authenticated
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One scene",
            description = "Its workflow state (STORED, PARSED, METADATA_PUBLISHED, FRAMES_ANALYSED, INDEXED or "
                    + "FAILED), cameras with their calibrations, XMP packets, frames and jobs. Its owner or an admin.")
    @APIResponse(responseCode = "200", description = "The scene",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "403", description = "The scene is another user's (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No scene has that id (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> scene(@PathParam("id") String sceneId) {
        RequestChecks.id("id", sceneId);
        return ingest.scene(sceneId).map(Peers::relay);
    }

    @POST
    @Path("scenes/{id}/cameras/{camera}/frames")
    @Authenticated
    @RateLimited(RateClass.UPLOAD)
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a frame of one of a scene's cameras",
            description = "A PNG or JPEG the scene's owner (or an admin) rendered or captured with that camera. Its "
                    + "header is checked (size within the limits) before any pixel is decoded; it is stored and "
                    + "announced on camera-frames with the camera's calibration for its size. 202 with the frame id. "
                    + CAPTURED_AT_HEADER + " (ISO-8601) says when it was captured.")
    @RequestBody(content = {@Content(mediaType = "image/png"), @Content(mediaType = "image/jpeg")})
    @APIResponse(responseCode = "202", description = "Stored; the frame goes to the vision service",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", description = "No such scene or camera (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More than the frame limit (16 MiB by default)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Neither PNG nor JPEG",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A broken or too large image header (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> frame(@PathParam("id") String sceneId, @PathParam("camera") String camera,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @HeaderParam(CAPTURED_AT_HEADER) String capturedAt, InputStream body) {
        RequestChecks.id("id", sceneId);
        RequestChecks.id("camera", camera);
        if (FrameFormat.ofMediaType(contentType).isEmpty()) {
            throw unsupported(contentType, FrameFormat.mediaTypes());
        }
        return streamed(body, limits.maxFrameBody().asLongValue(),
                chunks -> uploads.uploadFrame(sceneId, camera, contentType, capturedAt, chunks.chunks()));
    }

    @POST
    @Path("admin/import")
    @RolesAllowed(ForwardedIdentity.ROLE_ADMIN)
    @RateLimited(RateClass.ADMIN)
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import many scenes' references or items' metadata (admins)",
            description = "NDJSON, one object a line: {\"sceneId\", \"ownerId\", \"blobRef\", \"format\"} for a scene "
                    + "whose file is in the blob store already, or {\"itemId\", \"ownerId\", \"packet\"} for an "
                    + "item's XMP packet. Written in chunks, one transaction each, as a job that resumes after a "
                    + "crash without duplicates; 202 with the import's id and job; GET /api/v1/admin/imports/{id} "
                    + "shows its progress.")
    @RequestBody(content = @Content(mediaType = NDJSON))
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "413", description = "More than the import limit (64 MiB by default)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> startImport(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(NDJSON)) {
            throw unsupported(contentType, NDJSON);
        }
        return streamed(body, limits.maxImportBody().asLongValue(),
                chunks -> uploads.startImport(NDJSON, chunks.chunks()));
    }

    @GET
    @Path("admin/imports/{id}")
    @RolesAllowed(ForwardedIdentity.ROLE_ADMIN)
    @RateLimited(RateClass.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A batch import's progress (admins)",
            description = "Its committed cursor (bytes and lines), rows written, lines skipped with the last reason, "
                    + "and when it finished.")
    @APIResponse(responseCode = "200", description = "The progress",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", description = "No such import (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> importProgress(@PathParam("id") String importId) {
        RequestChecks.id("id", importId);
        return ingest.importProgress(importId).map(Peers::relay);
    }

    @GET
    @Path("admin/jobs")
    @RolesAllowed(ForwardedIdentity.ROLE_ADMIN)
    @RateLimited(RateClass.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Jobs of the ingest queue in one state (admins)",
            description = "available, executing, retryable, completed or discarded; newest first, of one kind with "
                    + "?kind=.")
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> jobs(@QueryParam("state") String state, @QueryParam("kind") String kind,
                              @QueryParam("limit") String limit) {
        return ingest.queuedJobs(state, kind, RequestChecks.limit(limit, Paging.DEFAULT_LISTING)).map(Peers::relay);
    }

    /**
     * Streams {@code body} through {@code call}. A body past its limit is answered 413 at once: the call is
     * cancelled (which resets its connection to the service, so the service never takes the bytes so far for a whole
     * body), and the client's connection is closed, since the rest of its body is still coming.
     */
    private static Uni<Response> streamed(InputStream body, long limit, Function<StreamedBody, Uni<Response>> call) {
        StreamedBody chunks = new StreamedBody(body, limit);
        Uni<Response> cutOff = chunks.cutOff().map(max -> {
            Problem problem = BodyLimits.tooLarge(max).problem();
            return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem)
                    .header("Connection", "close").build();
        });
        return Uni.combine().any().of(call.apply(chunks).map(Peers::relay), cutOff);
    }

    private static ProblemException unsupported(String contentType, String accepted) {
        return new ProblemException(Problem.unsupportedMediaType(contentType, accepted));
    }
}
