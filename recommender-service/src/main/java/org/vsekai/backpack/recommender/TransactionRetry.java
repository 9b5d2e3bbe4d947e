package org.vsekai.backpack.recommender;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;

/**
 * Runs a consumer's transaction again when the database says it lost a conflict and may simply be retried (SQLSTATE
 * 40001). CockroachDB runs every transaction SERIALIZABLE and only retries a multi-statement transaction itself while
 * no result has reached the client, so two consumers writing the same rows (an interaction and a tombstone of one
 * item) can get it; PostgreSQL at its default isolation does not raise it. Without this, such an event would go to
 * the dead-letter topic. Every attempt is a new transaction: the failed one was rolled back.
 */
public final class TransactionRetry {

    static final String SERIALIZATION_FAILURE = "40001";
    static final int RETRIES = 8;

    private TransactionRetry() {
    }

    /** Subscribes to a fresh {@code transaction()} on each attempt. */
    public static <T> Uni<T> retrying(Supplier<Uni<? extends T>> transaction) {
        return Uni.createFrom().<T>deferred(transaction)
                .onFailure(TransactionRetry::isSerializationFailure).retry()
                .withBackOff(Duration.ofMillis(20), Duration.ofSeconds(1)).withJitter(0.5).atMost(RETRIES);
    }

    /** Whether the failure, or one of its causes, is a serialization failure (however the layers wrapped it). */
    public static boolean isSerializationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof DatabaseException database ? database.getSqlState()
                    : t instanceof SQLException sql ? sql.getSQLState()
                    : t instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState() : null;
            if (SERIALIZATION_FAILURE.equals(state)) {
                return true;
            }
        }
        return false;
    }
}
