package org.vsekai.backpack.ingest.job;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.vsekai.backpack.contracts.http.Problem;

import io.smallrye.mutiny.Uni;

/** Upload jobs over HTTP. Maps only; {@link JobService} holds the logic. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs", description = "Upload jobs and their states")
public class JobResource {

    private final JobService jobs;

    public JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One upload job", description = "The job's state: RECEIVED, STORED, EXTRACTED or FAILED.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No job has that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JobView> get(@PathParam("id") UUID id) {
        return jobs.find(id)
                .onItem().ifNull().failWith(() -> new JobNotFoundException(id))
                .map(JobView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "internal", description = "Not part of the public API; the gateway does not route here")
    @Operation(summary = "Internal: create a RECEIVED job",
            description = "Creates a job in state RECEIVED without an upload. For tests and operators only; the "
                    + "upload endpoint (a later issue) creates jobs for real uploads.")
    @APIResponse(responseCode = "201", description = "The new job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull NewJob request) {
        return jobs.receive(request.sceneId(), request.ownerId())
                .map(job -> Response.created(URI.create("/jobs/" + job.id())).entity(JobView.of(job)).build());
    }
}
