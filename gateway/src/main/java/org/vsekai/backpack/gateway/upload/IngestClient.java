package org.vsekai.backpack.gateway.upload;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.gateway.peer.Peer;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.ForwardedIdentityHeaders;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The ingest-service's public REST API as the gateway calls it ({@code quarkus.rest-client.ingest.*}), with the
 * caller's identity on every call: reads only, each with a timeout (1 s unless it says otherwise), a few retries and
 * a circuit breaker of its own (a pose search too: it only reads). Streamed uploads go through
 * {@link IngestUploadClient}.
 */
@RegisterRestClient(configKey = IngestClient.PEER)
@RegisterClientHeaders(ForwardedIdentityHeaders.class)
@Peer(IngestClient.PEER)
@Timeout(1000)
@CircuitBreaker
@Produces(MediaType.APPLICATION_JSON)
public interface IngestClient {

    String PEER = "ingest";

    @GET
    @Path("/jobs/{id}")
    @Retry
    Uni<UploadJob> job(@PathParam("id") String jobId);

    /** The forwarded user's jobs (another user's for an admin naming them), as {@code {"jobs": [...]}}. */
    @GET
    @Path("/jobs")
    @Timeout(2000)
    @Retry
    Uni<Response> jobs(@QueryParam("owner") String owner, @QueryParam("limit") int limit);

    /** The scene with its state, cameras, packets and frames. */
    @GET
    @Path("/scenes/{id}")
    @Retry
    Uni<Response> scene(@PathParam("id") String sceneId);

    /**
     * Whether a caller may follow a scene (204), asked when the avatar stream opens: outside a JAX-RS request, so the
     * identity comes as arguments, not from the request being served.
     */
    @GET
    @Path("/scenes/{id}/access")
    @Retry
    Uni<Void> sceneAccess(@PathParam("id") String sceneId,
                          @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                          @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    /** Who a scene is shared with (owner or admin). */
    @GET
    @Path("/scenes/{id}/shares")
    @Retry
    Uni<Response> shares(@PathParam("id") String sceneId);

    /** Shares a scene with a user: idempotent (sharing again changes nothing), so retried. */
    @PUT
    @Path("/scenes/{id}/shares/{user}")
    @Retry
    Uni<Response> share(@PathParam("id") String sceneId, @PathParam("user") String userId);

    /** Stops sharing; not retried (a retry after a lost answer would be a 404). */
    @DELETE
    @Path("/scenes/{id}/shares/{user}")
    Uni<Response> unshare(@PathParam("id") String sceneId, @PathParam("user") String userId);

    /** A batch import's progress, for admins. */
    @GET
    @Path("/imports/{id}")
    @Retry
    Uni<Response> importProgress(@PathParam("id") String importId);

    /** Queued jobs in one state (the job queue, docs/adr/0015), for admins. */
    @GET
    @Path("/queue")
    @Retry
    Uni<Response> queuedJobs(@QueryParam("state") String state, @QueryParam("kind") String kind,
                           @QueryParam("limit") int limit);

    /** A frame's image, its bytes and media type as posted (owner or admin), for the dashboard. */
    @GET
    @Path("/scenes/{id}/frames/{frame}/image")
    @Produces({"image/png", "image/jpeg", MediaType.APPLICATION_JSON})
    @Timeout(3000)
    @Retry
    Uni<Response> frameImage(@PathParam("id") String sceneId, @PathParam("frame") String frameId);

    /** A scene's poses (owner or admin). */
    @GET
    @Path("/scenes/{id}/poses")
    @Timeout(2000)
    @Retry
    Uni<Response> scenePoses(@PathParam("id") String sceneId);

    /** The caller's poses nearest a query (JSON both ways); a read, so retried. */
    @POST
    @Path("/poses/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(2000)
    @Retry
    Uni<Response> searchPoses(byte[] query);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Peers.failureOf(PEER, response);
    }
}
