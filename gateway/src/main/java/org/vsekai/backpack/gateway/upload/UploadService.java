package org.vsekai.backpack.gateway.upload;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.gateway.peer.PeerRejectedException;
import org.vsekai.backpack.gateway.peer.Peers;
import org.vsekai.backpack.gateway.security.Caller;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** Calls the ingest-service with a timeout, a few retries (GETs) and a circuit breaker per call. */
@ApplicationScoped
public class UploadService {

    private final IngestClient ingest;

    public UploadService(@RestClient IngestClient ingest) {
        this.ingest = ingest;
    }

    @Timeout(1000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 5000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("ingest-job")
    public Uni<UploadJob> job(Caller caller, String jobId) {
        return ingest.job(jobId, caller.userHeader(), caller.rolesHeader());
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 7000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("ingest-jobs")
    public Uni<Response> jobs(Caller caller, String owner, Integer limit) {
        return ingest.jobs(owner, limit, caller.userHeader(), caller.rolesHeader()).map(Peers::relay);
    }
}
