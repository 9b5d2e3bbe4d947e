package org.vsekai.backpack.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.embedded.Infrastructure;
import org.vsekai.backpack.embedded.InfrastructureSettings;
import org.vsekai.backpack.embedded.postgres.DatabaseCoordinates;
import org.vsekai.backpack.embedded.postgres.DatabaseProvisioner;
import org.vsekai.backpack.embedded.postgres.PostgresServer;

/**
 * The kit's outbox migration ({@code db/outbox}) on a real PostgreSQL, for a fresh database and for one whose service
 * had made the table in a versioned migration of its own before it moved to the kit (ingest V4, metadata V6). Flyway
 * runs as a service's start does: the service's own location plus the kit's, validating what was applied before.
 */
class OutboxMigrationTest {

    private static final String COMMON = "classpath:db/outbox-test/common";
    private static final String RETIRED = "classpath:db/outbox-test/retired";
    private static final String LATER = "classpath:db/outbox-test/later";
    private static final String KIT = "classpath:db/outbox";
    /** What a service that retired its own outbox migration sets (quarkus.flyway.ignore-migration-patterns). */
    private static final String[] RETIRED_MIGRATION_PATTERNS = {"*:future", "versioned:missing"};

    private static PostgresServer server;

    @BeforeAll
    static void startTheDatabaseServer() {
        server = Infrastructure.postgres(InfrastructureSettings.fromEnvironment());
    }

    @AfterAll
    static void stopTheDatabaseServer() throws Exception {
        server.close();
    }

    @Test
    void aFreshDatabaseGetsTheWholeTable() throws SQLException {
        DatabaseCoordinates database = freshDatabase();

        flyway(database, COMMON, KIT).migrate();

        assertThat(columns(database)).containsExactlyInAnyOrder("id", "topic", "record_key", "payload", "created_at",
                "claimed_until", "attempts", "traceparent");
        assertThat(flyway(database, COMMON, KIT).validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void aDatabaseWhoseServiceMadeTheTableItselfKeepsItsRowsAndStartsBeforeAndAfterTheServiceMigratesAgain()
            throws SQLException {
        DatabaseCoordinates database = freshDatabase();
        flyway(database, COMMON, RETIRED).migrate();
        UUID pending = UUID.randomUUID();
        execute(database, "INSERT INTO outbox_events (id, topic, record_key, payload, created_at, attempts) "
                + "VALUES ('" + pending + "', 'scene-uploaded', 'k', '{}', clock_timestamp(), 0)");

        // The first start with the kit's location: the retired V2 is now "future" (above every resolved version).
        flyway(database, COMMON, KIT).migrate();
        assertThat(columns(database)).contains("traceparent");
        assertThat(count(database, "SELECT count(*) FROM outbox_events WHERE id = '" + pending + "'")).isEqualTo(1);

        // The service adds a migration: the retired V2 turns "missing", which Flyway refuses unless told it is known.
        assertThatThrownBy(() -> flyway(database, COMMON, LATER, KIT).migrate())
                .isInstanceOf(FlywayException.class).hasMessageContaining("not resolved locally");
        flyway(database, RETIRED_MIGRATION_PATTERNS, COMMON, LATER, KIT).migrate();
        assertThat(columns(database)).contains("traceparent");
        assertThat(count(database, "SELECT count(*) FROM outbox_events WHERE id = '" + pending + "'")).isEqualTo(1);
        assertThat(flyway(database, RETIRED_MIGRATION_PATTERNS, COMMON, LATER, KIT).validateWithResult()
                .validationSuccessful).isTrue();
    }

    private static DatabaseCoordinates freshDatabase() {
        return DatabaseProvisioner.ensureDatabase(server, "outbox_migration_" + UUID.randomUUID().toString()
                .replace("-", ""));
    }

    private static Flyway flyway(DatabaseCoordinates database, String... locations) {
        return flyway(database, new String[] {"*:future"}, locations);
    }

    private static Flyway flyway(DatabaseCoordinates database, String[] ignored, String... locations) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations(locations)
                .ignoreMigrationPatterns(ignored)
                .load();
    }

    private static List<String> columns(DatabaseCoordinates database) throws SQLException {
        try (Connection connection = connect(database);
             ResultSet rows = connection.getMetaData().getColumns(null, null, "outbox_events", null)) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString("COLUMN_NAME"));
            }
            return names;
        }
    }

    private static long count(DatabaseCoordinates database, String sql) throws SQLException {
        try (Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(DatabaseCoordinates database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(DatabaseCoordinates database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
