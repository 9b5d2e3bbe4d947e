package org.vsekai.backpack.metadata.packet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.PacketTarget;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.TopicProbe;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_metadata"))
class SceneMetadataFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = Topics.SCENE_METADATA_NAME;
    private static final String DLQ = Topics.SCENE_METADATA.deadLetterTopic();

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void aSentEventCanBeReadBack() {
        UUID sceneId = UUID.randomUUID();
        SceneMetadata event = new SceneMetadata(1, UUID.randomUUID(), sceneId, "owner-1", List.of(
                new XmpPacket(0, List.of(new PacketTarget("asset", null)), document("Lobby")),
                new XmpPacket(1, List.of(new PacketTarget("node", 3), new PacketTarget("mesh", 0)),
                        document("Chair"))));

        send(event);

        awaitPackets(sceneId)
                .body("sceneId", equalTo(sceneId.toString()))
                .body("ownerId", equalTo("owner-1"))
                .body("eventId", equalTo(event.eventId().toString()))
                .body("packets", hasSize(2))
                .body("packets[0].index", equalTo(0))
                .body("packets[0].attachedTo[0].kind", equalTo("asset"))
                .body("packets[0].attachedTo[0].index", nullValue())
                .body("packets[0].document.'dc:title'", equalTo("Lobby"))
                .body("packets[0].document.'@context'.dc", equalTo("http://purl.org/dc/elements/1.1/"))
                .body("packets[1].attachedTo[1].kind", equalTo("mesh"))
                .body("packets[1].attachedTo[1].index", equalTo(0))
                .body("packets[1].document.'dc:subject'", equalTo(List.of("hub", "social")));
    }

    @Test
    void theSameEventIdTwiceIsStoredOnce() {
        UUID sceneId = UUID.randomUUID();
        SceneMetadata first = metadata(sceneId, "first");
        SceneMetadata second = metadata(sceneId, "second");

        send(first);
        awaitPackets(sceneId).body("packets[0].document.'dc:title'", equalTo("first"));
        send(second);
        awaitPackets(sceneId).body("packets[0].document.'dc:title'", equalTo("second"));

        // Redeliver the first event. Were it applied again, it would replace the second one's packets.
        send(first);
        awaitProcessedBehind(sceneId);

        given().get("/scenes/{id}/packets", sceneId)
                .then().statusCode(200)
                .body("eventId", equalTo(second.eventId().toString()))
                .body("packets[0].document.'dc:title'", equalTo("second"));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextOneIsStillStored() {
        UUID sceneId = UUID.randomUUID();

        probe.send(TOPIC, sceneId.toString(), "{this is not json");
        SceneMetadata valid = metadata(sceneId, "after the bad one");
        send(valid);

        List<ConsumerRecord<String, byte[]>> dead = probe.await(DLQ, r -> sceneId.toString().equals(r.key()), WAIT);
        assertThat(dead).hasSize(1);
        assertThat(TopicProbe.value(dead.get(0))).as("the record is kept as sent").isEqualTo("{this is not json");
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("not a valid SceneMetadata");
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-topic")).isEqualTo(TOPIC);

        awaitPackets(sceneId).body("packets[0].document.'dc:title'", equalTo("after the bad one"));
    }

    @Test
    void anEventWithARepeatedPacketIndexGoesToTheDeadLetterTopicWithTheReason() {
        UUID sceneId = UUID.randomUUID();
        SceneMetadata invalid = new SceneMetadata(1, UUID.randomUUID(), sceneId, "owner-1", List.of(
                new XmpPacket(0, List.of(), document("a")), new XmpPacket(0, List.of(), document("b"))));

        send(invalid);

        List<ConsumerRecord<String, byte[]>> dead = probe.await(DLQ, r -> sceneId.toString().equals(r.key()), WAIT);
        assertThat(dead).hasSize(1);
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("packet index 0 twice");
        assertThat(EventJson.read(dead.get(0).value(), Topics.SCENE_METADATA).eventId())
                .as("the dead letter is the event itself").isEqualTo(invalid.eventId());
        given().get("/scenes/{id}/packets", sceneId).then().statusCode(404);
    }

    @Test
    void aSceneWithoutPacketsIsA404Problem() {
        UUID sceneId = UUID.randomUUID();

        given().get("/scenes/{id}/packets", sceneId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("instance", equalTo("/scenes/" + sceneId + "/packets"));
    }

    private void send(SceneMetadata event) {
        probe.send(TOPIC, event.sceneId().toString(), EventJson.write(event));
    }

    private static io.restassured.response.ValidatableResponse awaitPackets(UUID sceneId) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> given().get("/scenes/{id}/packets", sceneId).then(),
                response -> response.extract().statusCode() == 200)
                .contentType(ContentType.JSON);
    }

    /**
     * Waits until the consumer is past every record sent so far for {@code sceneId}: a marker for another scene on
     * the same partition is stored only after them, since one partition is processed in order.
     */
    private void awaitProcessedBehind(UUID sceneId) {
        int partitions = Topics.SCENE_METADATA.partitions();
        int partition = partitionOf(sceneId, partitions);
        UUID marker;
        do {
            marker = UUID.randomUUID();
        } while (partitionOf(marker, partitions) != partition);
        send(metadata(marker, "marker"));
        awaitPackets(marker);
    }

    private static int partitionOf(UUID key, int partitions) {
        return BuiltInPartitioner.partitionForKey(key.toString().getBytes(StandardCharsets.UTF_8), partitions);
    }

    private static SceneMetadata metadata(UUID sceneId, String title) {
        return new SceneMetadata(1, UUID.randomUUID(), sceneId, "owner-1",
                List.of(new XmpPacket(0, List.of(new PacketTarget("asset", null)), document(title))));
    }

    private static JsonNode document(String title) {
        try {
            return EventJson.mapper().readTree("""
                    {"@context": {"dc": "http://purl.org/dc/elements/1.1/"}, "dc:title": "%s",
                     "dc:subject": ["hub", "social"]}""".formatted(title));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
