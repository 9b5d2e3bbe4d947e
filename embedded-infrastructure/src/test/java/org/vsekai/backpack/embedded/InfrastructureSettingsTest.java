package org.vsekai.backpack.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.embedded.postgres.ExternalPostgresServer;

class InfrastructureSettingsTest {

    @Test
    void embeddedIsTheDefault() {
        InfrastructureSettings settings = InfrastructureSettings.from(key -> null, Map.of());
        assertThat(settings.external()).isFalse();
        assertThat(settings.kafkaBootstrap()).isEqualTo("localhost:9092");
    }

    @Test
    void systemPropertiesWinOverTheEnvironment() {
        Map<String, String> props = Map.of("backpack.infra", "external", "backpack.kafka.bootstrap", "k1:9092");
        Map<String, String> env = Map.of("BACKPACK_INFRA", "embedded", "BACKPACK_KAFKA_BOOTSTRAP", "k2:9092",
                "BACKPACK_POSTGRES_URL", "jdbc:postgresql://db:26257/defaultdb", "BACKPACK_POSTGRES_USER", "root");
        InfrastructureSettings settings = InfrastructureSettings.from(props::get, env);
        assertThat(settings.external()).isTrue();
        assertThat(settings.kafkaBootstrap()).isEqualTo("k1:9092");
        assertThat(settings.postgresUrl()).isEqualTo("jdbc:postgresql://db:26257/defaultdb");
        assertThat(settings.postgresUser()).isEqualTo("root");
    }

    @Test
    void anUnknownModeIsAClearError() {
        assertThatThrownBy(() -> InfrastructureSettings.from(key -> null, Map.of("BACKPACK_INFRA", "docker")))
                .hasMessageContaining("'embedded' or 'external', not 'docker'");
    }

    @Test
    void externalPostgresUrlGivesHostAndPort() {
        ExternalPostgresServer server = ExternalPostgresServer.of("jdbc:postgresql://10.1.2.3:26257/defaultdb?sslmode=disable",
                "root", "");
        assertThat(server.host()).isEqualTo("10.1.2.3");
        assertThat(server.port()).isEqualTo(26257);
        assertThat(ExternalPostgresServer.of("jdbc:postgresql://db/test", "u", "").port()).isEqualTo(5432);
        assertThatThrownBy(() -> ExternalPostgresServer.of("postgresql://db/test", "u", ""))
                .hasMessageContaining("jdbc:postgresql://");
    }
}
