package org.vsekai.backpack.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.contracts.kafka.InteractionEventDeserializer;
import org.vsekai.backpack.testkit.TopicProbe;

/** The test's view of the {@code interactions} topic on the test broker, read with the contract's deserializer. */
public final class InteractionsTopic implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TopicProbe probe;
    private final InteractionEventDeserializer deserializer = new InteractionEventDeserializer();

    public InteractionsTopic() {
        this.probe = new TopicProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public InteractionEvent event(ConsumerRecord<String, byte[]> record) {
        return deserializer.deserialize(Topics.INTERACTIONS_NAME, record.value());
    }

    /** The record of the activity with this id; fails if it does not arrive. */
    public ConsumerRecord<String, byte[]> awaitActivity(String activityId) {
        List<ConsumerRecord<String, byte[]>> found = await(r -> activityId.equals(activityIdOf(r)));
        assertThat(found).as("record of activity %s on interactions", activityId).hasSize(1);
        return found.get(0);
    }

    /**
     * The first records keyed by {@code userId} (one partition, so in publishing order), read from the beginning of
     * the topic up to the first poll that holds any.
     */
    public List<ConsumerRecord<String, byte[]>> awaitFirstOfUser(String userId) {
        List<ConsumerRecord<String, byte[]>> found = await(r -> userId.equals(r.key()));
        assertThat(found).as("records of user %s on interactions", userId).isNotEmpty();
        return found;
    }

    public String activityIdOf(ConsumerRecord<String, byte[]> record) {
        try {
            return event(record).activityId();
        } catch (SerializationException e) {
            return null;
        }
    }

    private List<ConsumerRecord<String, byte[]>> await(Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return probe.await(Topics.INTERACTIONS_NAME, wanted, WAIT);
    }

    @Override
    public void close() {
        probe.close();
    }
}
