package org.vsekai.backpack.embedded.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** Gives each service a database of its own on a server, created when absent (PostgreSQL and CockroachDB). */
public final class DatabaseProvisioner {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private DatabaseProvisioner() {
    }

    public static DatabaseCoordinates ensureDatabase(PostgresServer server, String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            // The name is spliced into DDL (identifiers cannot be bound), so only plain names pass.
            throw new IllegalArgumentException("database name must match " + SAFE_NAME + ": " + database);
        }
        Properties props = new Properties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        try (Connection connection = DriverManager.getConnection(server.adminJdbcUrl(), props)) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                } catch (SQLException e) {
                    // 42P04: created concurrently by another process; anything else is a real failure.
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + server.adminJdbcUrl()
                    + ": " + e.getMessage(), e);
        }
        return new DatabaseCoordinates(server.host(), server.port(), database, server.user(), server.password());
    }
}
