package org.vsekai.backpack.testkit;

import java.time.Duration;
import java.util.List;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A test's look into its service's database through the service's own reactive pool; every call waits for its answer. */
public record SqlProbe(Pool pool) {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The first column of the first row, as a number: what {@code SELECT count(*) ...} answers. */
    public long count(String sql, Object... parameters) {
        return rows(sql, parameters).get(0).getLong(0);
    }

    public List<Row> rows(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(WAIT).stream().toList();
    }

    /** Runs a statement without parameters (DDL of a test's set-up, for instance). */
    public void execute(String sql) {
        pool.query(sql).execute().await().atMost(WAIT);
    }
}
