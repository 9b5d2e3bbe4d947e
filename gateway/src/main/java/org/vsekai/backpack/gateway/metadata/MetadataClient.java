package org.vsekai.backpack.gateway.metadata;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.vsekai.backpack.gateway.peer.Peer;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.ForwardedIdentityHeaders;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The metadata-service's REST API as the gateway calls it ({@code quarkus.rest-client.metadata.*}), with the caller's
 * identity on every call. Its bodies are JSON-LD documents the gateway does not interpret, so they pass through as
 * bytes and come back as {@link Response}s to relay ({@link Peers#relay}: status, media type, ETag). Each call has a
 * timeout (1 s unless it says otherwise) and a circuit breaker of its own; the GETs and the PUT (idempotent: the same
 * document again) are retried a little, the JSON-LD POSTs never.
 */
@RegisterRestClient(configKey = MetadataClient.PEER)
@RegisterClientHeaders(ForwardedIdentityHeaders.class)
@Peer(MetadataClient.PEER)
@Timeout(1000)
@CircuitBreaker
public interface MetadataClient {

    String PEER = "metadata";
    String LD_JSON = "application/ld+json";

    /**
     * The metadata service checks that the forwarded user owns the item (or is an admin). It may spend its whole
     * JSON-LD time limit (5 s) on one document before it answers, so this waits longer, and a PUT that timed out is
     * not sent again: a second attempt would cost the same and could add a second version. A PUT whose first
     * attempt failed otherwise was not stored, or adds the same document, so it is retried once (ADR 13; its retry
     * is {@code quarkus.fault-tolerance."...MetadataClient$$CDIWrapper/putMetadata".retry.*}).
     */
    @PUT
    @Path("/items/{id}/metadata")
    @Consumes(LD_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(8000)
    @Retry
    Uni<Response> putMetadata(@PathParam("id") String itemId, byte[] document);

    @GET
    @Path("/items/{id}/metadata")
    @Produces({LD_JSON, MediaType.APPLICATION_JSON})
    @Retry
    Uni<Response> metadata(@PathParam("id") String itemId, @QueryParam("context") String context);

    @GET
    @Path("/items/{id}/attributes")
    @Produces(MediaType.APPLICATION_JSON)
    @Retry
    Uni<Response> attributes(@PathParam("id") String itemId);

    /** Items by attribute: a search over every item's current metadata, so it may take longer than a read. */
    @GET
    @Path("/items")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(2000)
    @Retry
    Uni<Response> find(@QueryParam("keyword") String keyword, @QueryParam("kind") String kind,
                       @QueryParam("creator") String creator, @QueryParam("category") String category,
                       @QueryParam("limit") int limit);

    /** JSON-LD processing, bounded by the service's own time limit (5 s), which this outlasts. */
    @POST
    @Path("/jsonld/{operation}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({LD_JSON, MediaType.APPLICATION_JSON})
    @Timeout(10000)
    Uni<Response> jsonLd(@PathParam("operation") String operation, byte[] request);

    @GET
    @Path("/scenes/{id}/packets")
    @Produces(MediaType.APPLICATION_JSON)
    @Retry
    Uni<Response> scenePackets(@PathParam("id") String sceneId);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Peers.failureOf(PEER, response);
    }
}
