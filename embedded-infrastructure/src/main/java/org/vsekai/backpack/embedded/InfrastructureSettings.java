package org.vsekai.backpack.embedded;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The one switch between embedded and external infrastructure, shared by every test and by {@code ./backpack up}.
 *
 * <p>Each setting is read from a system property first, then from the environment variable of the same meaning:
 * <table>
 *   <tr><th>system property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>{@code backpack.infra}</td><td>{@code BACKPACK_INFRA}</td><td>{@code embedded} (or {@code external})</td></tr>
 *   <tr><td>{@code backpack.kafka.bootstrap}</td><td>{@code BACKPACK_KAFKA_BOOTSTRAP}</td><td>{@code localhost:9092}</td></tr>
 *   <tr><td>{@code backpack.postgres.url}</td><td>{@code BACKPACK_POSTGRES_URL}</td><td>{@code jdbc:postgresql://127.0.0.1:5432/postgres}</td></tr>
 *   <tr><td>{@code backpack.postgres.user}</td><td>{@code BACKPACK_POSTGRES_USER}</td><td>{@code postgres}</td></tr>
 *   <tr><td>{@code backpack.postgres.password}</td><td>{@code BACKPACK_POSTGRES_PASSWORD}</td><td>(empty)</td></tr>
 * </table>
 * The PostgreSQL URL names a database the user can connect to; each service gets a database of its own on that
 * server, created when absent.
 */
public record InfrastructureSettings(Mode mode, String kafkaBootstrap, String postgresUrl, String postgresUser,
                                     String postgresPassword) {

    public enum Mode {
        EMBEDDED, EXTERNAL
    }

    public static InfrastructureSettings fromEnvironment() {
        return from(System::getProperty, System.getenv());
    }

    /** Reads the settings from the given system properties and environment; visible for tests. */
    public static InfrastructureSettings from(Function<String, String> properties, Map<String, String> environment) {
        Function<String, String> read = key -> {
            String value = properties.apply(key);
            if (value == null || value.isBlank()) {
                value = environment.get(key.toUpperCase(Locale.ROOT).replace('.', '_'));
            }
            return value == null || value.isBlank() ? null : value.trim();
        };
        String modeName = orDefault(read.apply("backpack.infra"), "embedded");
        Mode mode;
        try {
            mode = Mode.valueOf(modeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "backpack.infra / BACKPACK_INFRA must be 'embedded' or 'external', not '" + modeName + "'");
        }
        return new InfrastructureSettings(mode,
                orDefault(read.apply("backpack.kafka.bootstrap"), "localhost:9092"),
                orDefault(read.apply("backpack.postgres.url"), "jdbc:postgresql://127.0.0.1:5432/postgres"),
                orDefault(read.apply("backpack.postgres.user"), "postgres"),
                orDefault(read.apply("backpack.postgres.password"), ""));
    }

    public boolean external() {
        return mode == Mode.EXTERNAL;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
