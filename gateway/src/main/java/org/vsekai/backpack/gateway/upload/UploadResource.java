package org.vsekai.backpack.gateway.upload;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.Access;
import org.vsekai.backpack.gateway.security.CurrentCaller;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Upload jobs, served by the ingest-service: readable by the user who uploaded, or an admin. */
@Path(Peers.API)
@Tag(name = "Uploads", description = "Scene uploads and their processing state")
public class UploadResource {

    private final IngestClient ingest;
    private final CurrentCaller caller;

    public UploadResource(@RestClient IngestClient ingest, CurrentCaller caller) {
        this.ingest = ingest;
        this.caller = caller;
    }

    @GET
    @Path("uploads")
    @Authenticated
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's upload jobs",
            description = "Newest first, as {\"jobs\": [...]}. An admin may name another user with ?owner=.")
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "403", description = "?owner= names another user and the caller is no admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The ingest service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> jobs(@QueryParam("owner") String owner,
                              @Parameter(description = "How many jobs, 1 to 100",
                                      schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100",
                                              defaultValue = "50"))
                              @QueryParam("limit") String limit) {
        Caller who = caller.get();
        if (owner != null && !owner.isBlank()) {
            Access.requireMayActFor(who, owner.strip());
        }
        return ingest.jobs(owner, RequestChecks.limit(limit, Paging.DEFAULT_LISTING)).map(Peers::relay);
    }

    @GET
    @Path("uploads/{id}")
    @Authenticated
    @RateLimited(RateClass.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One upload job",
            description = "The job's state (RECEIVED, STORED, EXTRACTED or FAILED), its scene's workflow state and "
                    + "every step of its processing. Only its owner or an admin.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UploadJob.class)))
    @APIResponse(responseCode = "403", description = "The job is another user's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No job has that id (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The ingest service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<UploadJob> job(@PathParam("id") String jobId) {
        Caller who = caller.get();
        return ingest.job(jobId)
                .invoke(job -> {
                    if (!who.mayActFor(job.ownerId())) {
                        throw new ProblemException(Access.forbidden("This upload is another user's"));
                    }
                });
    }
}
