package org.vsekai.backpack.embedded;

import org.vsekai.backpack.embedded.kafka.EmbeddedKafka;
import org.vsekai.backpack.embedded.kafka.ExternalKafka;
import org.vsekai.backpack.embedded.kafka.KafkaBroker;
import org.vsekai.backpack.embedded.kafka.TopicProvisioner;
import org.vsekai.backpack.embedded.postgres.EmbeddedPostgresServer;
import org.vsekai.backpack.embedded.postgres.ExternalPostgresServer;
import org.vsekai.backpack.embedded.postgres.PostgresServer;

/** Starts (embedded) or connects to (external) what the switch in {@link InfrastructureSettings} names. */
public final class Infrastructure {

    private Infrastructure() {
    }

    /** A broker with every topic of the suite in place. */
    public static KafkaBroker kafka(InfrastructureSettings settings) {
        KafkaBroker broker = settings.external()
                ? new ExternalKafka(settings.kafkaBootstrap())
                : EmbeddedKafka.start();
        try {
            TopicProvisioner.ensureTopics(broker.bootstrapServers());
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public static PostgresServer postgres(InfrastructureSettings settings) {
        return settings.external()
                ? ExternalPostgresServer.of(settings.postgresUrl(), settings.postgresUser(), settings.postgresPassword())
                : EmbeddedPostgresServer.start();
    }
}
