package org.vsekai.backpack.testkit;

import java.util.Map;

import org.vsekai.backpack.embedded.Infrastructure;
import org.vsekai.backpack.embedded.InfrastructureSettings;
import org.vsekai.backpack.embedded.postgres.DatabaseCoordinates;
import org.vsekai.backpack.embedded.postgres.DatabaseProvisioner;
import org.vsekai.backpack.embedded.postgres.PostgresServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL database for a {@code @QuarkusTest}: on the embedded server, or on the external one when
 * {@code backpack.infra=external}. The init argument {@code database} names the service's database.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";

    private String database = "backpack_test";
    private PostgresServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, database);
    }

    @Override
    public Map<String, String> start() {
        server = Infrastructure.postgres(InfrastructureSettings.fromEnvironment());
        try {
            DatabaseCoordinates coordinates = DatabaseProvisioner.ensureDatabase(server, database);
            return coordinates.quarkusConfig();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
