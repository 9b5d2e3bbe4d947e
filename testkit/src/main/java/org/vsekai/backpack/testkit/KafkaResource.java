package org.vsekai.backpack.testkit;

import java.util.Map;

import org.vsekai.backpack.embedded.Infrastructure;
import org.vsekai.backpack.embedded.InfrastructureSettings;
import org.vsekai.backpack.embedded.kafka.KafkaBroker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker for a {@code @QuarkusTest}: the embedded KRaft broker, or the external one when
 * {@code backpack.infra=external}. Every topic of the suite exists before the application starts.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = Infrastructure.kafka(InfrastructureSettings.fromEnvironment());
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
