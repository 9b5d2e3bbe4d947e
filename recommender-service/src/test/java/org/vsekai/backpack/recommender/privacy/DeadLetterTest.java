package org.vsekai.backpack.recommender.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsekai.backpack.recommender.Events;

import io.quarkus.test.junit.QuarkusTest;

/** An unreadable record on a topic this service added is set aside, not fatal, as on interactions. */
@QuarkusTest
class DeadLetterTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ParameterizedTest
    @ValueSource(strings = {"user-erasures", "item-attributes"})
    void anUnreadableRecordGoesToTheDeadLetterTopic(String topic) {
        String key = "dead-" + UUID.randomUUID();
        try (Events events = new Events(bootstrap)) {
            events.kafka().send(topic, key, "{\"not\": \"an event of " + topic + "\"}");
            var dead = events.kafka().await(topic + ".dlq", r -> key.equals(r.key()), Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
        }
    }
}
