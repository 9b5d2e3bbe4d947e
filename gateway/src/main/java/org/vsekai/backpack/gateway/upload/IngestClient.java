package org.vsekai.backpack.gateway.upload;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.gateway.peer.Peers;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The ingest-service's public REST API as the gateway calls it ({@code quarkus.rest-client.ingest.*}). */
@RegisterRestClient(configKey = "ingest")
@Produces(MediaType.APPLICATION_JSON)
public interface IngestClient {

    String PEER = "ingest";

    @GET
    @Path("/jobs/{id}")
    Uni<UploadJob> job(@PathParam("id") String jobId,
                       @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                       @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    /** The forwarded user's jobs (another user's for an admin naming them), as {@code {"jobs": [...]}}. */
    @GET
    @Path("/jobs")
    Uni<Response> jobs(@QueryParam("owner") String owner, @QueryParam("limit") Integer limit,
                       @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                       @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Peers.failureOf(PEER, response);
    }
}
