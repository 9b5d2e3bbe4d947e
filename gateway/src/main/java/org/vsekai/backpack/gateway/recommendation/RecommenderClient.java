package org.vsekai.backpack.gateway.recommendation;

import java.util.List;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.SessionRequest;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.gateway.peer.Peer;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.ForwardedIdentityHeaders;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The recommender-service's REST API as the gateway calls it ({@code quarkus.rest-client.recommender.*}), with the
 * caller's identity on every call. Each call has a timeout (1 s unless it says otherwise) and a circuit breaker of
 * its own; reads (GET) are idempotent, so a failed or slow attempt is retried a little, POSTs never. A refusal (4xx)
 * is an answer: not retried, not held against the circuit. The shared limits are
 * {@code quarkus.fault-tolerance.global.*} in application.properties.
 */
@RegisterRestClient(configKey = RecommenderClient.PEER)
@RegisterClientHeaders(ForwardedIdentityHeaders.class)
@Peer(RecommenderClient.PEER)
@Timeout(1000)
@CircuitBreaker
@Produces(MediaType.APPLICATION_JSON)
public interface RecommenderClient {

    String PEER = "recommender";

    /** The circuit of {@link #recommendations}, for {@code CircuitBreakerMaintenance} (state, reset). */
    String CIRCUIT = "recommender";

    /**
     * The recommender's answer as it is (status, media type, bytes): the gateway adds nothing to it, so it is relayed
     * without being decoded and encoded again ({@link Peers#relay}); its shape is {@link Recommendations}.
     */
    @GET
    @Path("/users/{id}/recommendations")
    @Retry
    @CircuitBreakerName(CIRCUIT)
    Uni<Response> recommendations(@PathParam("id") String userId, @QueryParam("limit") int limit,
                                         @QueryParam("kind") String kind);

    /** Relayed as it is, as {@link #recommendations}; its shape is {@link SimilarItems}. */
    @GET
    @Path("/items/{id}/similar")
    @Retry
    Uni<Response> similar(@PathParam("id") String itemId, @QueryParam("limit") int limit,
                              @QueryParam("kind") String kind);

    @POST
    @Path("/recommendations")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Recommendations> forSession(SessionRequest session);

    /** The backpack's JSON is the recommender's to define; relayed as it is. */
    @GET
    @Path("/users/{id}/backpack")
    @Retry
    Uni<Response> backpack(@PathParam("id") String userId);

    @POST
    @Path("/admin/training")
    @Timeout(2000)
    Uni<TrainingJob> startTraining();

    @GET
    @Path("/admin/training/jobs")
    @Retry
    Uni<List<TrainingJob>> trainingJobs();

    @GET
    @Path("/admin/training/jobs/{id}")
    @Retry
    Uni<TrainingJob> trainingJob(@PathParam("id") String jobId);

    /** A 5xx means the recommender cannot answer now; a 4xx is its considered answer, relayed as it is. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Peers.failureOf(PEER, response);
    }
}
