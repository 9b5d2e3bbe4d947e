package org.vsekai.backpack.gateway.recommendation;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.recommendation.Recommendations;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The recommender-service's REST API as the gateway calls it ({@code quarkus.rest-client.recommender.*}).
 * Timeouts, retries and the circuit breaker live on {@link RecommendationService}, where config can address them.
 */
@RegisterRestClient(configKey = "recommender")
@Path("/users")
public interface RecommenderClient {

    @GET
    @Path("/{id}/recommendations")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Recommendations> recommendations(@PathParam("id") String userId, @QueryParam("limit") int limit);

    /** A 5xx means the recommender cannot answer now; a 4xx is its considered answer, relayed as it is. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status >= 500) {
            return new RecommenderUnavailableException("the recommender answered " + status);
        }
        if (status >= 400) {
            return new RecommenderRejectedException(status, problemIn(response));
        }
        return null;
    }

    private static Problem problemIn(Response response) {
        MediaType type = response.getMediaType();
        if (type != null && type.getSubtype().endsWith("json")) {
            try {
                Problem problem = response.readEntity(Problem.class);
                if (problem != null && problem.title() != null) {
                    return problem;
                }
            } catch (RuntimeException e) {
                // not a problem document; described below
            }
        }
        Response.StatusType status = response.getStatusInfo();
        return Problem.of(response.getStatus(), status.getReasonPhrase(), "The recommender refused the request");
    }
}
