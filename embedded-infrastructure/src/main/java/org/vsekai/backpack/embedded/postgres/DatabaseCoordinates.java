package org.vsekai.backpack.embedded.postgres;

import java.util.Map;

/** Where one service's database is, in the forms Quarkus wants. */
public record DatabaseCoordinates(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The Vert.x reactive client's form of the same address. */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** The Quarkus configuration that points the default datasource, JDBC (migrations) and reactive, here. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }
}
