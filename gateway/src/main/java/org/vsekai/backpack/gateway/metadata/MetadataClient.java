package org.vsekai.backpack.gateway.metadata;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.gateway.peer.Peers;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
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
 * The metadata-service's REST API as the gateway calls it ({@code quarkus.rest-client.metadata.*}). Its bodies are
 * JSON-LD documents the gateway does not interpret, so they pass through as bytes and come back as {@link Response}s
 * to relay (status, media type, ETag). Timeouts, retries and circuit breakers live on {@link MetadataService}.
 */
@RegisterRestClient(configKey = "metadata")
public interface MetadataClient {

    String PEER = "metadata";
    String LD_JSON = "application/ld+json";

    /** The metadata service checks that the forwarded user owns the item (or is an admin). */
    @PUT
    @Path("/items/{id}/metadata")
    @Consumes(LD_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> putMetadata(@PathParam("id") String itemId, byte[] document,
                              @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                              @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @GET
    @Path("/items/{id}/metadata")
    @Produces({LD_JSON, MediaType.APPLICATION_JSON})
    Uni<Response> metadata(@PathParam("id") String itemId, @QueryParam("context") String context,
                           @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                           @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @GET
    @Path("/items")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> find(@QueryParam("keyword") String keyword, @QueryParam("kind") String kind,
                       @QueryParam("creator") String creator, @QueryParam("category") String category,
                       @QueryParam("limit") Integer limit,
                       @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                       @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @POST
    @Path("/jsonld/{operation}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({LD_JSON, MediaType.APPLICATION_JSON})
    Uni<Response> jsonLd(@PathParam("operation") String operation, byte[] request,
                         @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                         @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @GET
    @Path("/scenes/{id}/packets")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> scenePackets(@PathParam("id") String sceneId,
                               @HeaderParam(ForwardedIdentity.USER_HEADER) String user,
                               @HeaderParam(ForwardedIdentity.ROLES_HEADER) String roles);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Peers.failureOf(PEER, response);
    }
}
