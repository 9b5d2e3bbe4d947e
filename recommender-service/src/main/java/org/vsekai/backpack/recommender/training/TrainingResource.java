package org.vsekai.backpack.recommender.training;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.kit.problem.ProblemException;
import org.vsekai.backpack.kit.request.RequestChecks;

import io.smallrye.mutiny.Uni;

/** Model training as a background job. Internal: the gateway exposes it to admins only. */
@Path("/admin/training")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "training")
public class TrainingResource {

    private final TrainingService training;

    public TrainingResource(TrainingService training) {
        this.training = training;
    }

    @POST
    @Operation(summary = "Train now", description = "Starts a training in the background and answers 202 with its"
            + " job; while one is queued or running, answers with that job instead of starting another.")
    public Uni<Response> train() {
        return training.request("admin").map(job -> Response.accepted(job)
                .header("Location", "/admin/training/jobs/" + job.id()).build());
    }

    @GET
    @Path("/jobs")
    @Operation(summary = "Recent training jobs, newest first", description = "Kept across restarts; a job that was"
            + " queued or running when the service stopped is FAILED, with the error saying it was interrupted.")
    public Uni<List<TrainingJob>> jobs() {
        return training.jobs();
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "One training job")
    public Uni<TrainingJob> job(@PathParam("id") String id) {
        RequestChecks.id("id", id);
        return training.job(id).map(job -> job.orElseThrow(() -> new ProblemException(Problem.ofType(
                "training-job-not-found", 404, "No such training job",
                "No training job " + id + " is known (only recent jobs are kept)"))));
    }
}
