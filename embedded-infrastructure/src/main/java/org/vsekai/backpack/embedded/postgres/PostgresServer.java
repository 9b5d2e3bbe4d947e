package org.vsekai.backpack.embedded.postgres;

/** A PostgreSQL-compatible server: the embedded one this JVM started, or an external one (PostgreSQL, CockroachDB). */
public interface PostgresServer extends AutoCloseable {

    /** JDBC URL of a database the administrative user can connect to, to create the services' databases. */
    String adminJdbcUrl();

    String host();

    int port();

    String user();

    String password();

    /** Stops what this object started; an external server is left running. */
    @Override
    void close();
}
