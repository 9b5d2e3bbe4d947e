package org.vsekai.backpack.ingest.importing;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import org.vsekai.backpack.ingest.access.Admins;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Batch imports (admins): NDJSON of scene references or scene metadata, written in chunks by jobs. */
@Path("/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "imports", description = "Batch imports of scenes and their metadata")
public class ImportResource {

    private final ImportService imports;

    public ImportResource(ImportService imports) {
        this.imports = imports;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start an import (admins)", description = "One JSON object a line: {sceneId?, ownerId, "
            + "blobRef, format} or {sceneId, ownerId, packets}. Stored, then written in chunks, one transaction each.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportService.ImportStarted.class)))
    @APIResponse(responseCode = "403", description = "The caller is no admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Larger than max-import-bytes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> start(@Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                               @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles,
                               InputStream body) {
        Caller caller = admin(user, roles);
        return imports.start(caller.userId(), body).map(started -> Response.accepted(started)
                .location(URI.create("/imports/" + started.importId())).build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An import's progress (admins)")
    @APIResponse(responseCode = "200", description = "Its cursor and counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportProgress.class)))
    @APIResponse(responseCode = "404", description = "No such import",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ImportProgress> progress(@PathParam("id") UUID id,
                                        @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                        @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER)
                                        String roles) {
        admin(user, roles);
        return imports.progress(id).onItem().ifNull().failWith(() -> new ProblemException(Problem.ofType(
                "import-not-found", 404, "Import not found", "No import has id " + id)));
    }

    private static Caller admin(String user, String roles) {
        return Admins.required(user, roles, "Imports");
    }

}
