package org.vsekai.backpack.ingest.queue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Paging;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.ingest.access.Admins;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.smallrye.mutiny.Uni;

/** The job queue (docs/adr/0015) for admins: jobs in one state, and how many there are in each. */
@Path("/queue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queue", description = "Units of work and their states")
public class QueueResource {

    private final JobQueue queue;

    public QueueResource(JobQueue queue) {
        this.queue = queue;
    }

    /** A page of jobs and the counts per state. */
    public record QueuePage(Map<JobState, Long> counts, List<Job> jobs) {
    }

    @GET
    @Operation(summary = "Jobs in one state (admins)", description = "Newest first; ?kind= for one kind of job.")
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueuePage.class)))
    @APIResponse(responseCode = "400", description = "An unknown state, or a limit outside 1..100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is no admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<QueuePage> jobs(@Parameter(hidden = true) @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                               @Parameter(hidden = true) @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles,
                               @QueryParam("state") String state, @QueryParam("kind") String kind,
                               @QueryParam("limit") String limit) {
        Admins.required(user, roles, "Queued jobs");
        JobState wanted = state(state);
        int page = RequestChecks.limit(limit, Paging.DEFAULT_LISTING);
        return queue.counts().chain(counts -> queue.inState(wanted, kind == null || kind.isBlank() ? null : kind, page)
                .map(jobs -> new QueuePage(counts, jobs)));
    }

    private static JobState state(String state) {
        try {
            return state == null || state.isBlank() ? JobState.DISCARDED : JobState.ofColumn(state.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalid("The state is not valid", List.of(new Problem.FieldError(
                    "state", "must be one of " + Arrays.stream(JobState.values()).map(JobState::column).toList()))));
        }
    }
}
