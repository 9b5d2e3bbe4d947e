package org.vsekai.backpack.gateway.recommendation;

import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.SessionRequest;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.gateway.peer.Peers;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
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

/**
 * The recommender-service's REST API as the gateway calls it ({@code quarkus.rest-client.recommender.*}). Every call
 * carries the caller's identity in the {@link ForwardedIdentity} headers (omitted when null, i.e. anonymous).
 * Timeouts, retries and circuit breakers live on {@link RecommendationService}, where config can address them.
 */
@RegisterRestClient(configKey = "recommender")
@Produces(MediaType.APPLICATION_JSON)
public interface RecommenderClient {

    String PEER = "recommender";

    @GET
    @Path("/users/{id}/recommendations")
    Uni<Recommendations> recommendations(@PathParam("id") String userId, @QueryParam("limit") int limit,
                                         @QueryParam("kind") String kind,
                                         @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                         @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @GET
    @Path("/items/{id}/similar")
    Uni<SimilarItems> similar(@PathParam("id") String itemId, @QueryParam("limit") int limit,
                              @QueryParam("kind") String kind,
                              @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                              @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @POST
    @Path("/recommendations")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Recommendations> forSession(SessionRequest session,
                                    @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                    @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    /** The backpack's JSON is the recommender's to define; relayed as it is. */
    @GET
    @Path("/users/{id}/backpack")
    Uni<Response> backpack(@PathParam("id") String userId,
                           @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                           @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @POST
    @Path("/admin/training")
    Uni<TrainingJob> startTraining(@HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                   @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @GET
    @Path("/admin/training/jobs")
    Uni<List<TrainingJob>> trainingJobs(@HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                        @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @GET
    @Path("/admin/training/jobs/{id}")
    Uni<TrainingJob> trainingJob(@PathParam("id") String jobId,
                                 @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                 @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    /** A 5xx means the recommender cannot answer now; a 4xx is its considered answer, relayed as it is. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Peers.failureOf(PEER, response);
    }
}
