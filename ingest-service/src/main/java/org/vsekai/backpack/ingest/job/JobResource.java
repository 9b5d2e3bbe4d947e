package org.vsekai.backpack.ingest.job;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.kit.identity.Caller;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.smallrye.mutiny.Uni;

/**
 * Upload jobs over HTTP. Maps only; {@link JobService} holds the logic. Every call needs the caller the gateway
 * forwards ({@link ForwardedIdentity}): a job belongs to the user who created it, and only that user or an admin
 * sees it.
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs", description = "Upload jobs and their states")
public class JobResource {

    private final JobService jobs;
    private final UploadProgress progress;

    public JobResource(JobService jobs, UploadProgress progress) {
        this.jobs = jobs;
        this.progress = progress;
    }

    /** A page of jobs, newest first. */
    public record JobList(List<JobView> jobs) {
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One upload job", description = "The job's state (RECEIVED, STORED, EXTRACTED or FAILED), "
            + "its scene's workflow state and every step of the scene's processing. For the job's owner or an admin.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "401", description = "No user was forwarded (X-Backpack-User)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The job belongs to another user and the caller is no admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No job has that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JobView> get(@PathParam("id") UUID id,
                            @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                            @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles) {
        Caller caller = Caller.required(user, roles);
        return jobs.find(id)
                .onItem().ifNull().failWith(() -> new JobNotFoundException(id))
                .invoke(job -> {
                    if (!caller.mayActFor(job.ownerId())) {
                        throw new NotTheJobOwnerException(id);
                    }
                })
                .chain(job -> progress.of(job.sceneId())
                        .map(steps -> JobView.of(job, steps.sceneState(), steps.jobs())));
    }

    @GET
    @Operation(summary = "The caller's upload jobs",
            description = "The forwarded user's jobs, newest first. An admin may name another user with ?owner=.")
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobList.class)))
    @APIResponse(responseCode = "400", description = "A limit that is not a whole number from 1 to 100, or an "
            + "invalid ?owner=",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No user was forwarded (X-Backpack-User)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "?owner= names another user and the caller is no admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JobList> list(@Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                             @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles,
                             @QueryParam("owner") String owner,
                             @QueryParam(Paging.LIMIT_PARAMETER) String limit) {
        Caller caller = Caller.required(user, roles);
        String ownerId = owner == null || owner.isBlank() ? caller.userId() : RequestChecks.id("owner", owner.strip());
        if (!caller.mayActFor(ownerId)) {
            throw new ProblemException(Problem.ofType("not-job-owner", 403, "Not the owner of these upload jobs",
                    "Only an admin may list the upload jobs of another user"));
        }
        int checkedLimit = RequestChecks.limit(limit, Paging.DEFAULT_LISTING);
        return jobs.ownedBy(ownerId, checkedLimit)
                .map(found -> new JobList(found.stream().map(JobView::of).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "internal", description = "Not part of the public API; the gateway does not route here")
    @Operation(summary = "Internal: create a RECEIVED job",
            description = "Creates a job in state RECEIVED without an upload, owned by the forwarded user. For tests "
                    + "and operators only; POST /scenes creates the jobs of real uploads.")
    @APIResponse(responseCode = "201", description = "The new job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No user was forwarded (X-Backpack-User)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles,
                                @Valid @NotNull NewJob request) {
        Caller caller = Caller.required(user, roles);
        return jobs.receive(request.sceneId(), caller.userId())
                .map(job -> Response.created(URI.create("/jobs/" + job.id())).entity(JobView.of(job)).build());
    }
}
