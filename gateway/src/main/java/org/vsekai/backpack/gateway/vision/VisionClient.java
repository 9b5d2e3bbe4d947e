package org.vsekai.backpack.gateway.vision;

import java.util.Set;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.gateway.peer.Peer;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.ForwardedIdentityHeaders;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The vision-service's REST API as the gateway calls it ({@code quarkus.rest-client.vision.*}), with the caller's
 * identity on every call. Images go out and results come back as bytes, with their media types, for the gateway to
 * relay ({@link Peers#relay}). Each call has a timeout and a circuit breaker of its own; the catalogue read is retried
 * a little, an inference never: a second attempt would queue the same work behind the first.
 */
@RegisterRestClient(configKey = VisionClient.PEER)
@RegisterClientHeaders(ForwardedIdentityHeaders.class)
@Peer(VisionClient.PEER)
@Timeout(1000)
@CircuitBreaker
public interface VisionClient {

    String PEER = "vision";

    /**
     * The service's 503s that answer the request rather than say it is down: its queue of interactive requests is
     * full, or the model took longer than its {@code runtime.request-timeout}. Relayed with their type.
     */
    Set<String> ANSWERED_UNAVAILABLE = Set.of(Problem.TYPE_BASE + "vision/busy", Problem.TYPE_BASE + "vision/timeout",
            Problem.TYPE_BASE + "audio/busy", Problem.TYPE_BASE + "audio/no-model",
            Problem.TYPE_BASE + "embeddings/disabled");

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Retry
    Uni<Response> models();

    /**
     * One image through a model. The service waits and runs for at most its {@code runtime.request-timeout} (30 s)
     * after reading and decoding the image, then answers {@code vision/timeout}; this waits a little longer, so that
     * its answer, not ours, is what the caller gets. The media types are the caller's: the service reads the image
     * format from its bytes and answers JSON-LD on {@code Accept: application/ld+json}.
     */
    @POST
    @Path("/infer/{model}")
    @Timeout(35_000)
    Uni<Response> infer(@PathParam("model") String model, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                        @HeaderParam(HttpHeaders.ACCEPT) String accept, byte[] image);

    /** A WAV through voice activity; like an inference, never retried, and given the same time. */
    @POST
    @Path("/audio/segments")
    @Timeout(35_000)
    Uni<Response> segments(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] wav);

    /** A WAV through voice activity and the acoustic model; never retried, given an inference's time. */
    @POST
    @Path("/audio/transcriptions")
    @Timeout(35_000)
    Uni<Response> transcriptions(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] wav);

    /** A text spoken by the voice (JSON in, WAV out); never retried. */
    @POST
    @Path("/audio/speech")
    @Timeout(35_000)
    Uni<Response> speech(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] request);

    /** A WAV transcribed and spoken again (WAV in, WAV out); never retried. */
    @POST
    @Path("/audio/speech-to-speech")
    @Timeout(35_000)
    Uni<Response> speechToSpeech(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] wav);

    /** Texts to sentence embeddings (JSON both ways); never retried, like every inference. */
    @POST
    @Path("/embeddings")
    @Timeout(35_000)
    Uni<Response> embeddings(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] request);

    /** Items by the meaning of a text: the query runs through the embedding model, so never retried. */
    @GET
    @Path("/items/search")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(5_000)
    Uni<Response> searchItems(@QueryParam("q") String query, @QueryParam("kind") String kind,
                              @QueryParam("limit") Integer limit);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Peers.failureOf(PEER, response, ANSWERED_UNAVAILABLE);
    }
}
