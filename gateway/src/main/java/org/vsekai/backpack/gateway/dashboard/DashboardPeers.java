package org.vsekai.backpack.gateway.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * The services' admin reads the dashboard shows, called by the gateway on its own timer for the admin watching the
 * stream: there is no request being served then, so the identity is passed as arguments (the admin's, captured when
 * the stream was opened) instead of by {@code ForwardedIdentityHeaders}, which reads the current request's caller.
 * One interface per service, on that service's {@code quarkus.rest-client.<name>} configuration.
 */
public final class DashboardPeers {

    private DashboardPeers() {
    }

    @RegisterRestClient(configKey = "ingest")
    @Timeout(1500)
    @Produces(MediaType.APPLICATION_JSON)
    public interface Ingest {

        /** {@code {"counts": {...}, "jobs": [...]}}: the counts per state and a page of jobs in one state. */
        @GET
        @Path("/queue")
        Uni<JsonNode> queue(@HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                            @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles,
                            @QueryParam("state") String state, @QueryParam("limit") int limit);
    }

    @RegisterRestClient(configKey = "vision")
    @Timeout(1500)
    @Produces(MediaType.APPLICATION_JSON)
    public interface Vision {

        @GET
        @Path("/models")
        Uni<JsonNode> models(@HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                             @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);
    }

    @RegisterRestClient(configKey = "recommender")
    @Timeout(1500)
    @Produces(MediaType.APPLICATION_JSON)
    public interface Recommender {

        @GET
        @Path("/admin/training/jobs")
        Uni<JsonNode> trainingJobs(@HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                                   @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);
    }
}
