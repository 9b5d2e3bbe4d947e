package org.vsekai.backpack.kit.problem;

import org.vsekai.backpack.contracts.http.Problem;

/**
 * A request answered with this problem: thrown where the problem is found, rendered by {@link ProblemMappers}
 * with the request path as its instance. A service's domain errors extend it, so no service needs a mapper of
 * its own. It carries no stack trace: it is an answer, not a fault.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Throwable cause) {
        super(problem.detail() == null ? problem.title() : problem.title() + ": " + problem.detail(),
                cause, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
