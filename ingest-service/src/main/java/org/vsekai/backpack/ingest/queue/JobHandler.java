package org.vsekai.backpack.ingest.queue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Does the jobs of one kind. */
public interface JobHandler {

    String kind();

    /**
     * Does the job. Everything written through {@code transaction} commits together with the job's completion, or
     * not at all; blocking work (files, parsing) must leave the event loop ({@code emitOn} a worker pool).
     * A {@link PoisonInputException} (or a 4xx {@code ProblemException}) discards the job at once; any other
     * failure is retried.
     */
    Uni<Void> perform(Job job, SqlConnection transaction);

    /** Runs once the job's completion has committed (to wake whatever sends what it wrote). */
    default void completed(Job job) {
    }

    /** Runs in the transaction that discards the job: what a consumer of its result must hear instead. */
    default Uni<Void> discarded(Job job, String reason, SqlConnection transaction) {
        return Uni.createFrom().voidItem();
    }
}
