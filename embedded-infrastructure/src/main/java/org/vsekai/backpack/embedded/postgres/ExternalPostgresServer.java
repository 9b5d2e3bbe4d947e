package org.vsekai.backpack.embedded.postgres;

import java.net.URI;

/**
 * A server someone else runs, named by a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/test}.
 * Closing it does nothing.
 */
public record ExternalPostgresServer(String adminJdbcUrl, String host, int port, String user, String password)
        implements PostgresServer {

    public static ExternalPostgresServer of(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("backpack.postgres.url must be a jdbc:postgresql:// URL, not " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        return new ExternalPostgresServer(jdbcUrl, uri.getHost(), port, user, password);
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
