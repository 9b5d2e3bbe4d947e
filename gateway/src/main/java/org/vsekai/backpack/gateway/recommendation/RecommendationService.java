package org.vsekai.backpack.gateway.recommendation;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.kit.problem.ProblemException;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Asks the recommender for a user's recommendations. A GET is idempotent, so a failed or slow attempt is retried
 * a little, and a recommender that keeps failing is left alone for a while (circuit breaker) so requests fail
 * fast instead of queueing. A refusal (4xx) is an answer: not retried, not held against the circuit. Each limit
 * can be changed under {@code quarkus.fault-tolerance."org.vsekai.backpack.gateway.recommendation.
 * RecommendationService/recommendationsFor".*} (the test profile shortens them).
 */
@ApplicationScoped
public class RecommendationService {

    /** The circuit's name, for {@code CircuitBreakerMaintenance} (state, reset). */
    public static final String CIRCUIT = "recommender";

    private static final Logger LOG = Logger.getLogger(RecommendationService.class);

    private final RecommenderClient recommender;

    public RecommendationService(@RestClient RecommenderClient recommender) {
        this.recommender = recommender;
    }

    @Timeout(1000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 5000,
            abortOn = {RecommenderRejectedException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = RecommenderRejectedException.class)
    @CircuitBreakerName(RecommendationService.CIRCUIT)
    public Uni<Recommendations> recommendationsFor(String userId, int limit) {
        return recommender.recommendations(userId, limit);
    }

    /**
     * What the client hears when {@link #recommendationsFor} fails: a refusal relayed with the recommender's status
     * and problem, anything else (down, slow, 5xx, open circuit) one 503.
     */
    public static ProblemException asProblem(Throwable failure) {
        if (failure instanceof RecommenderRejectedException rejected) {
            Problem relayed = rejected.problem();
            // The instance is ours, not the recommender's path; the mapper sets it.
            return new ProblemException(new Problem(relayed.type(), relayed.title(), rejected.status(),
                    relayed.detail(), null, relayed.errors()));
        }
        LOG.warnf("Recommender unavailable: %s", failure.toString());
        return new ProblemException(Problem.ofType("recommender-unavailable", 503, "Service Unavailable",
                "Recommendations cannot be computed right now; retry later"), failure);
    }
}
