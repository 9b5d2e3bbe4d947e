package org.vsekai.backpack.kit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

class TransactionRetryTest {

    private static PgException state(String sqlState) {
        return new PgException("conflict", "ERROR", sqlState, null);
    }

    @Test
    void aSerializationFailureRunsTheTransactionAgainUntilItCommits() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> result = TransactionRetry.retrying(() -> {
            attempts.incrementAndGet();
            return attempts.get() < 3
                    ? Uni.createFrom().failure(new CompletionException(state(TransactionRetry.SERIALIZATION_FAILURE)))
                    : Uni.createFrom().item("committed");
        });

        assertThat(result.await().atMost(Duration.ofSeconds(10))).isEqualTo("committed");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aSerializationFailureAsHibernateReactiveReportsItIsRetriedToo() {
        // Hibernate Reactive copies the client's SQLSTATE into an SQLException, wrapped in its JDBCException.
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> result = TransactionRetry.retrying(() -> {
            attempts.incrementAndGet();
            return attempts.get() < 2
                    ? Uni.createFrom().failure(new RuntimeException("could not execute statement",
                            new SQLException("restart transaction", TransactionRetry.SERIALIZATION_FAILURE)))
                    : Uni.createFrom().item("committed");
        });

        assertThat(result.await().atMost(Duration.ofSeconds(10))).isEqualTo("committed");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> result = TransactionRetry.retrying(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(state("23505")); // unique violation: retrying cannot help
        });

        assertThatThrownBy(() -> result.await().atMost(Duration.ofSeconds(10))).isInstanceOf(PgException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aFailureThatNeverGoesAwayGivesUpAfterTheRetries() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> result = TransactionRetry.retrying(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(state(TransactionRetry.SERIALIZATION_FAILURE));
        });

        assertThatThrownBy(() -> result.await().atMost(Duration.ofSeconds(30))).isInstanceOf(PgException.class);
        assertThat(attempts).hasValue(1 + TransactionRetry.RETRIES);
    }
}
