package org.vsekai.backpack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.embedded.Infrastructure;
import org.vsekai.backpack.embedded.InfrastructureSettings;
import org.vsekai.backpack.embedded.kafka.KafkaBroker;
import org.vsekai.backpack.embedded.kafka.TopicProvisioner;
import org.vsekai.backpack.embedded.postgres.DatabaseCoordinates;
import org.vsekai.backpack.embedded.postgres.DatabaseProvisioner;
import org.vsekai.backpack.embedded.postgres.PostgresServer;

/** Starts (embedded, the default) or connects to (backpack.infra=external) the infrastructure and uses it for real. */
class SwitchedInfrastructureTest {

    @Test
    void kafkaHasEveryTopicWithItsPartitionsAndCarriesRecords() throws Exception {
        try (KafkaBroker broker = Infrastructure.kafka(InfrastructureSettings.fromEnvironment())) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(names).containsAll(Topics.allNamesWithDeadLetters());
                TopicDescription interactions = admin.describeTopics(List.of("interactions")).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get("interactions");
                assertThat(interactions.partitions()).hasSize(Topics.INTERACTIONS.partitions());
            }
            // A second run creates nothing: provisioning is idempotent against a broker that has the topics.
            assertThat(TopicProvisioner.ensureTopics(broker.bootstrapServers())).isEmpty();
            try (TopicProbe probe = new TopicProbe(broker.bootstrapServers())) {
                String marker = "hello-" + System.nanoTime();
                probe.send("interactions.dlq", "k", marker);
                assertThat(probe.await("interactions.dlq", r -> marker.equals(TopicProbe.value(r)),
                        Duration.ofSeconds(30))).hasSize(1);
            }
        }
    }

    @Test
    void postgresGivesEachServiceItsOwnDatabase() throws Exception {
        try (PostgresServer server = Infrastructure.postgres(InfrastructureSettings.fromEnvironment())) {
            DatabaseCoordinates first = DatabaseProvisioner.ensureDatabase(server, "backpack_infra_test");
            DatabaseCoordinates again = DatabaseProvisioner.ensureDatabase(server, "backpack_infra_test");
            assertThat(again).isEqualTo(first);
            Properties props = new Properties();
            props.setProperty("user", first.user());
            props.setProperty("password", first.password());
            try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), props);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT current_database()")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("backpack_infra_test");
            }
            assertThat(first.reactiveUrl()).startsWith("postgresql://").endsWith("/backpack_infra_test");
        }
    }
}
