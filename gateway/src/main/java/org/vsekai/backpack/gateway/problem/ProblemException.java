package org.vsekai.backpack.gateway.problem;

import org.vsekai.backpack.contracts.http.Problem;

/** A request the gateway answers with this problem; thrown where the problem is found, rendered by one mapper. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Throwable cause) {
        super(problem.title() + ": " + problem.detail(), cause, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
