package org.vsekai.backpack.gateway.peer;

import org.vsekai.backpack.contracts.http.Problem;

/**
 * A service answered with a client error (4xx), or with a 5xx its client names as an answer ({@link Peers#failureOf}):
 * a final answer about the request, not an outage.
 */
public class PeerRejectedException extends RuntimeException {

    private final int status;
    private final transient Problem problem;

    public PeerRejectedException(String peer, int status, Problem problem) {
        super(peer + " answered " + status + ": " + problem.title(), null, false, false);
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
