package org.vsekai.backpack.kit.outbox;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * The configuration of the outbox's Kafka channel ({@link KafkaOutboxSender#CHANNEL}), once for every service that
 * sets {@value OutboxRelay#ENABLED}{@code =true}: string keys, the stored JSON as bytes, {@code acks=all} and an
 * idempotent producer. Services that do not opt in get none of it (SmallRye would refuse a channel that nothing
 * feeds). Its ordinal is below every file's, so a service's {@code application.properties} overrides any key.
 */
public class OutboxChannelDefaults implements ConfigSourceFactory {

    private static final String PREFIX = "mp.messaging.outgoing." + KafkaOutboxSender.CHANNEL + ".";
    private static final Map<String, String> DEFAULTS = Map.of(
            PREFIX + "connector", "smallrye-kafka",
            PREFIX + "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
            PREFIX + "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
            PREFIX + "acks", "all",
            PREFIX + "enable.idempotence", "true");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue enabled = context.getValue(OutboxRelay.ENABLED);
        if (enabled == null || !"true".equalsIgnoreCase(enabled.getValue())) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource("backpack outbox channel defaults", DEFAULTS, 50) {
        });
    }
}
