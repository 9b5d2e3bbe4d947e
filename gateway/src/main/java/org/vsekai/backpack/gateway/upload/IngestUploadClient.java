package org.vsekai.backpack.gateway.upload;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.vsekai.backpack.gateway.peer.Peer;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.ForwardedIdentityHeaders;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The ingest-service's streamed uploads ({@code quarkus.rest-client.ingest-uploads.*}, at the ingest-service's url):
 * bodies passed on chunk by chunk as they arrive ({@link StreamedBody}), with the caller's identity and the one
 * failure mapping ({@link Peer}). A client of its own, so that its read timeout (120 s) can be the minutes an upload
 * takes; that is its timeout. It has no fault-tolerance annotations, unlike every other client: SmallRye Fault
 * Tolerance does not pass a cancellation on to the call it guards, and cancelling the call is what resets the
 * connection to the service when a body grows past its limit (otherwise the service would take the bytes so far
 * for a whole body). Never retried: a body is gone once sent.
 */
@RegisterRestClient(configKey = IngestUploadClient.CONFIG_KEY)
@RegisterClientHeaders(ForwardedIdentityHeaders.class)
@Peer(IngestClient.PEER)
@Produces(MediaType.APPLICATION_JSON)
public interface IngestUploadClient {

    String CONFIG_KEY = "ingest-uploads";

    /**
     * A scene upload, streamed as it arrives ({@link StreamedBody}); the service stores it, checks it and answers
     * 202. Never retried: the body is gone once sent.
     */
    @POST
    @Path("/scenes")
    @Consumes(MediaType.WILDCARD)
    Uni<Response> uploadScene(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, Multi<Buffer> body);

    /** A camera frame, streamed like an upload. */
    @POST
    @Path("/scenes/{id}/cameras/{camera}/frames")
    @Consumes(MediaType.WILDCARD)
    Uni<Response> uploadFrame(@PathParam("id") String sceneId, @PathParam("camera") String camera,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                              @HeaderParam(SceneResource.CAPTURED_AT_HEADER) String capturedAt, Multi<Buffer> body);

    /** A batch import (NDJSON), streamed; the service answers once it has queued the import as a job. */
    @POST
    @Path("/imports")
    @Consumes(MediaType.WILDCARD)
    Uni<Response> startImport(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, Multi<Buffer> body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Peers.failureOf(IngestClient.PEER, response);
    }
}
