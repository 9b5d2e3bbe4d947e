package org.vsekai.backpack.gateway.recommendation;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.gateway.limits.RateClass;
import org.vsekai.backpack.gateway.limits.RateLimited;
import org.vsekai.backpack.gateway.peer.Peers;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Training the recommender's models: admins only. */
@Path(Peers.API)
@Tag(name = "Training", description = "Admin: train the recommender and follow its jobs")
@RolesAllowed(ForwardedIdentity.ROLE_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {

    private final RecommenderClient recommender;

    public TrainingResource(@RestClient RecommenderClient recommender) {
        this.recommender = recommender;
    }

    @POST
    @Path("admin/training")
    @RateLimited(RateClass.ADMIN)
    @Operation(summary = "Start a training run", description = "Answers at once with the queued job.")
    @APIResponse(responseCode = "202", description = "The job, queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TrainingJob.class)))
    @APIResponse(responseCode = "503", description = "The recommender is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TrainingJob>> start() {
        return recommender.startTraining()
                .map(job -> RestResponse.ResponseBuilder.<TrainingJob>accepted()
                        .location(URI.create(Peers.API + "/admin/training/jobs/" + job.id()))
                        .entity(job).build());
    }

    @GET
    @Path("admin/training/jobs")
    @RateLimited(RateClass.ADMIN)
    @Operation(summary = "Training jobs", description = "The recent training runs, newest first.")
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TrainingJob.class)))
    public Uni<List<TrainingJob>> jobs() {
        return recommender.trainingJobs();
    }

    @GET
    @Path("admin/training/jobs/{id}")
    @RateLimited(RateClass.ADMIN)
    @Operation(summary = "One training job")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TrainingJob.class)))
    @APIResponse(responseCode = "404", description = "No such job (relayed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TrainingJob> job(@PathParam("id") String jobId) {
        return recommender.trainingJob(jobId);
    }
}
