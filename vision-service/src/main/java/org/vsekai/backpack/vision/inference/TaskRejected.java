package org.vsekai.backpack.vision.inference;

import org.vsekai.backpack.contracts.http.Problem;

/**
 * A model task's request that the service does not serve, as the problem its resource answers (RFC 9457): a status,
 * a type under the task's own prefix ({@code generation/busy}, {@code imaging/too-many-pixels}, ...), a title and
 * the detail. Thrown before any answer is written, so nothing else is lost.
 */
public class TaskRejected extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    protected TaskRejected(String prefix, int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = prefix + "/" + type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The problem type after {@code https://backpack.v-sekai.org/problems/}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Problem problem() {
        return Problem.ofType(type, status, title, getMessage());
    }
}
