package org.vsekai.backpack.gateway.recommendation;

import org.vsekai.backpack.contracts.http.Problem;

/** The recommender answered with a client error (4xx): a final answer about the request, not an outage. */
public class RecommenderRejectedException extends RuntimeException {

    private final int status;
    private final transient Problem problem;

    public RecommenderRejectedException(int status, Problem problem) {
        super("the recommender answered " + status + ": " + problem.title(), null, false, false);
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }
}
