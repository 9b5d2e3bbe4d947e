package org.vsekai.backpack.kit.sql;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;

/**
 * Runs a transaction again when the database says it lost a conflict and may simply be retried (SQLSTATE 40001).
 * CockroachDB runs every transaction SERIALIZABLE and only retries a multi-statement transaction itself while no
 * result has reached the client, so two writers of the same rows (say an event consumer and a PUT of one item) can
 * get it; PostgreSQL at its default isolation does not raise it. Without this, such an event would go to the
 * dead-letter topic, or such a request fail. Every attempt is a new transaction: the failed one was rolled back.
 *
 * <p>Only the failure's SQLSTATE is looked at, so this serves the plain reactive SQL client and Hibernate Reactive
 * alike: the client fails with a {@link DatabaseException} ({@code PgException}), and Hibernate Reactive turns that
 * into a {@link SQLException} with the same state, wrapped in its own exception. The Vert.x SQL client is an
 * optional dependency of the kit: only services with a database, which all have it, may call this.
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
            if (SERIALIZATION_FAILURE.equals(sqlState(t))) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return t instanceof DatabaseException database ? database.getSqlState() : null;
    }
}
