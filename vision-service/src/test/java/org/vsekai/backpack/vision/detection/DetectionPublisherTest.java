package org.vsekai.backpack.vision.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.kafka.DetectionsDeserializer;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.TopicProbe;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class DetectionPublisherTest {

    @Inject
    DetectionPublisher publisher;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void detectionsArePublishedKeyedBySceneInTheContractFormat() {
        UUID sceneId = UUID.randomUUID();
        Detections detections = new Detections(Detections.CURRENT_VERSION, UUID.randomUUID(), sceneId,
                UUID.randomUUID(), "rf-detr", "1.0", List.of(new Detection("chair", 0.91, new BoundingBox(1, 2, 3, 4))));

        publisher.publish(detections).await().atMost(Duration.ofSeconds(30));

        try (TopicProbe probe = new TopicProbe(bootstrapServers);
             DetectionsDeserializer deserializer = new DetectionsDeserializer()) {
            List<ConsumerRecord<String, byte[]>> records = probe.await(Topics.DETECTIONS_NAME,
                    r -> sceneId.toString().equals(r.key()), Duration.ofSeconds(30));
            assertThat(records).hasSize(1);
            assertThat(deserializer.deserialize(Topics.DETECTIONS_NAME, records.get(0).value()))
                    .isEqualTo(detections);
        }
    }
}
