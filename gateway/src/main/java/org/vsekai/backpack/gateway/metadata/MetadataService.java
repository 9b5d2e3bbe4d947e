package org.vsekai.backpack.gateway.metadata;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.gateway.peer.PeerRejectedException;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.Caller;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Calls the metadata-service with a timeout and a circuit breaker per call; GETs and the PUT (idempotent: the same
 * document again) are retried a little, the JSON-LD POSTs never. Every answer comes back relayable
 * ({@link Peers#relay}) or as a problem ({@link Peers#asProblem}). Limits can be changed under
 * {@code quarkus.fault-tolerance."org.vsekai.backpack.gateway.metadata.MetadataService/<method>".*}.
 */
@ApplicationScoped
public class MetadataService {

    private final MetadataClient metadata;

    public MetadataService(@RestClient MetadataClient metadata) {
        this.metadata = metadata;
    }

    // The metadata service may spend its whole JSON-LD time limit (5 s) on one document before it answers, so this
    // waits longer, and a PUT that timed out is not sent again: a second attempt would cost the same and could add
    // a second version. A retried PUT whose first attempt failed otherwise was not stored, or adds the same document.
    @Timeout(8000)
    @Retry(maxRetries = 1, delay = 100, jitter = 50, maxDuration = 12000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("metadata-put")
    public Uni<Response> put(Caller caller, String itemId, byte[] document) {
        return relayed(metadata.putMetadata(itemId, document, caller.userHeader(), caller.rolesHeader()));
    }

    @Timeout(1000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 5000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("metadata-get")
    public Uni<Response> get(Caller caller, String itemId, String context) {
        return relayed(metadata.metadata(itemId, context, caller.userHeader(), caller.rolesHeader()));
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 7000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("metadata-find")
    public Uni<Response> find(Caller caller, ItemQuery query) {
        return relayed(metadata.find(query.keyword(), query.kind(), query.creator(), query.category(), query.limit(),
                caller.userHeader(), caller.rolesHeader()));
    }

    @Timeout(10000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("metadata-jsonld")
    public Uni<Response> jsonLd(Caller caller, String operation, byte[] request) {
        return relayed(metadata.jsonLd(operation, request, caller.userHeader(), caller.rolesHeader()));
    }

    @Timeout(1000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 5000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("metadata-packets")
    public Uni<Response> scenePackets(Caller caller, String sceneId) {
        return relayed(metadata.scenePackets(sceneId, caller.userHeader(), caller.rolesHeader()));
    }

    /** The filters of {@code GET /items}, as given (null when absent). */
    public record ItemQuery(String keyword, String kind, String creator, String category, Integer limit) {
    }

    private static Uni<Response> relayed(Uni<Response> call) {
        return call.map(Peers::relay);
    }
}
