package org.vsekai.backpack.gateway.recommendation;

import java.util.List;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.SessionRequest;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.gateway.peer.PeerRejectedException;
import org.vsekai.backpack.gateway.security.Caller;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Calls the recommender. Reads (GET) are idempotent, so a failed or slow attempt is retried a little; POSTs are
 * never retried. A recommender that keeps failing is left alone for a while (a circuit breaker per call) so
 * requests fail fast instead of queueing. A refusal (4xx) is an answer: not retried, not held against the circuit.
 * Each limit can be changed under {@code quarkus.fault-tolerance."org.vsekai.backpack.gateway.recommendation.
 * RecommendationService/<method>".*} (the test profile shortens them).
 */
@ApplicationScoped
public class RecommendationService {

    /** The circuit of {@link #recommendationsFor}, for {@code CircuitBreakerMaintenance} (state, reset). */
    public static final String CIRCUIT = "recommender";

    private final RecommenderClient recommender;

    public RecommendationService(@RestClient RecommenderClient recommender) {
        this.recommender = recommender;
    }

    @Timeout(1000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 5000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName(CIRCUIT)
    public Uni<Recommendations> recommendationsFor(Caller caller, String userId, int limit, String kind) {
        return recommender.recommendations(userId, limit, kind, caller.userHeader(), caller.rolesHeader());
    }

    @Timeout(1000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 5000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("recommender-similar")
    public Uni<SimilarItems> similarTo(Caller caller, String itemId, int limit, String kind) {
        return recommender.similar(itemId, limit, kind, caller.userHeader(), caller.rolesHeader());
    }

    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("recommender-session")
    public Uni<Recommendations> forSession(Caller caller, SessionRequest session) {
        return recommender.forSession(session, caller.userHeader(), caller.rolesHeader());
    }

    @Timeout(1000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 5000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("recommender-backpack")
    public Uni<Response> backpackOf(Caller caller, String userId) {
        return recommender.backpack(userId, caller.userHeader(), caller.rolesHeader());
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("recommender-training")
    public Uni<TrainingJob> startTraining(Caller caller) {
        return recommender.startTraining(caller.userHeader(), caller.rolesHeader());
    }

    @Timeout(1000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 5000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("recommender-training-jobs")
    public Uni<List<TrainingJob>> trainingJobs(Caller caller) {
        return recommender.trainingJobs(caller.userHeader(), caller.rolesHeader());
    }

    @Timeout(1000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 5000,
            abortOn = {PeerRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = PeerRejectedException.class)
    @CircuitBreakerName("recommender-training-job")
    public Uni<TrainingJob> trainingJob(Caller caller, String jobId) {
        return recommender.trainingJob(jobId, caller.userHeader(), caller.rolesHeader());
    }
}
