package org.vsekai.backpack.metadata.vision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.TopicProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Detected classes folded into item attributes, on the real broker and database. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_metadata"))
class DetectionsFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BACKPACK = "https://backpack.v-sekai.org/contexts/backpack.jsonld";
    private static final BoundingBox BOX = new BoundingBox(0.1, 0.1, 0.2, 0.2);

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void confidentClassesAreFoldedIntoTheItemAndRepublishedOncePerEvent() {
        UUID scene = UUID.randomUUID();
        String item = scene.toString();
        putScene(item, "Lobby");

        Detections first = detections(scene, new Detection("Chair", 0.9, BOX), new Detection("table", 0.8, BOX),
                new Detection("person", 0.2, BOX), new Detection("chair", 0.7, BOX));
        send(first);
        ItemAttributes afterFirst = awaitAttributes(item, a -> a.detectedClasses().contains("chair"));
        assertThat(afterFirst.detectedClasses()).as("below min-score is left out; case folded")
                .containsExactly("chair", "table");
        assertThat(afterFirst.name()).as("the current version's attributes are kept").isEqualTo("Lobby");
        assertThat(afterFirst.keywords()).containsExactly("lobby");

        // A redelivery changes nothing; the next event adds a class and is published after it (same partition).
        send(first);
        send(detections(scene, new Detection("lamp", 0.95, BOX), new Detection("chair", 0.99, BOX)));
        ItemAttributes afterSecond = awaitAttributes(item, a -> a.detectedClasses().contains("lamp"));
        assertThat(afterSecond.detectedClasses()).containsExactly("chair", "lamp", "table");

        List<ItemAttributes> published = Awaitility.await().atMost(WAIT).until(() -> records(item),
                found -> found.size() >= 3);
        assertThat(published).as("the PUT, then one record per event that added a class")
                .extracting(a -> a.detectedClasses().size()).containsExactly(0, 2, 3);
        assertThat(published).extracting(ItemAttributes::eventId).doesNotHaveDuplicates();

        // A new version of the metadata keeps the detected classes.
        putScene(item, "Lobby v2");
        ItemAttributes newVersion = awaitAttributes(item, a -> "Lobby v2".equals(a.name()));
        assertThat(newVersion.detectedClasses()).containsExactly("chair", "lamp", "table");
    }

    @Test
    void textReadInFramesIsFoldedIntoTheItemsKeywords() {
        UUID scene = UUID.randomUUID();
        String item = scene.toString();
        putScene(item, "Arcade");

        Detection sign = new Detection("text", 0.9, BOX).withText("  Game   Over ", 0.97);
        Detection poster = new Detection("text", 0.8, BOX).withText("HIGH SCORE", 0.9);
        Detection misread = new Detection("text", 0.9, BOX).withText("xq#z", 0.2);
        Detection faintBox = new Detection("text", 0.3, BOX).withText("insert coin", 0.99);
        Detection repeat = new Detection("text", 0.9, BOX).withText("lobby", 0.99);
        Detections frame = detections(scene, sign, poster, misread, faintBox, repeat);
        send(frame);
        ItemAttributes folded = awaitAttributes(item, a -> a.keywords().contains("game over"));
        assertThat(folded.keywords()).as("the version's keyword first, then confident text, once each, in order")
                .containsExactly("lobby", "game over", "high score");
        assertThat(folded.detectedClasses()).containsExactly("text");

        given().get("/items/{id}/attributes", item).then().statusCode(200)
                .body("attributes.keywords", org.hamcrest.Matchers.contains("lobby", "game over", "high score"));

        // A redelivery adds nothing; a new version keeps the read text after its own keywords.
        send(frame);
        putScene(item, "Arcade v2");
        ItemAttributes newVersion = awaitAttributes(item, a -> "Arcade v2".equals(a.name()));
        assertThat(newVersion.keywords()).containsExactly("lobby", "game over", "high score");
        assertThat(records(item)).as("the PUT, the fold, the second PUT: the redelivery published nothing")
                .hasSize(3);
    }

    @Test
    void classesDetectedBeforeTheItemHasMetadataGoOutWithItsFirstPut() {
        UUID scene = UUID.randomUUID();
        String item = scene.toString();
        send(detections(scene, new Detection("sofa", 0.9, BOX)));
        UUID marker = UUID.randomUUID();
        // The marker's item has metadata, so its record shows that the consumer got past the first event.
        putScene(marker.toString(), "Marker");
        Detections markerEvent = detections(marker, new Detection("vase", 0.9, BOX));
        send(markerEvent);
        awaitAttributes(marker.toString(), a -> a.detectedClasses().contains("vase"));
        assertThat(probe.await(Topics.ITEM_ATTRIBUTES_NAME, r -> item.equals(r.key()), Duration.ofSeconds(2)))
                .as("nothing is published for an item without metadata").isEmpty();

        putScene(item, "Living room");
        ItemAttributes first = awaitAttributes(item, a -> "Living room".equals(a.name()));
        assertThat(first.detectedClasses()).containsExactly("sofa");
    }

    @Test
    void anUnreadableOrScenelessDetectionsRecordGoesToTheDeadLetterTopic() {
        String key = "bad-" + UUID.randomUUID();
        probe.send(Topics.DETECTIONS_NAME, key, "{not json");
        String sceneless = "sceneless-" + UUID.randomUUID();
        probe.send(Topics.DETECTIONS_NAME, sceneless, EventJson.write(new Detections(Detections.CURRENT_VERSION,
                UUID.randomUUID(), null, UUID.randomUUID(), "yolo", "1", List.of())));

        String dlq = Topics.DETECTIONS.deadLetterTopic();
        assertThat(probe.await(dlq, r -> key.equals(r.key()), WAIT)).hasSize(1);
        List<ConsumerRecord<String, byte[]>> dead = probe.await(dlq, r -> sceneless.equals(r.key()), WAIT);
        assertThat(dead).hasSize(1);
        assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason")).contains("names no scene");
    }

    private ItemAttributes awaitAttributes(String item, Predicate<ItemAttributes> wanted) {
        return Awaitility.await().atMost(WAIT).until(() -> records(item).stream().filter(wanted).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    private List<ItemAttributes> records(String item) {
        return probe.await(Topics.ITEM_ATTRIBUTES_NAME, r -> item.equals(r.key()) && r.value() != null, WAIT)
                .stream().map(r -> EventJson.read(r.value(), Topics.ITEM_ATTRIBUTES)).toList();
    }

    private void send(Detections event) {
        probe.send(Topics.DETECTIONS_NAME, event.sceneId().toString(), EventJson.write(event));
    }

    private static Detections detections(UUID scene, Detection... found) {
        return new Detections(Detections.CURRENT_VERSION, UUID.randomUUID(), scene, UUID.randomUUID(), "yolo",
                "1", List.of(found));
    }

    private static void putScene(String item, String name) {
        given().contentType("application/ld+json")
                .header(ForwardedIdentity.USER_HEADER, "user-" + item)
                .body("""
                        {"@context": "%s", "type": "Scene", "name": "%s", "keywords": ["lobby"]}"""
                        .formatted(BACKPACK, name))
                .put("/items/{id}/metadata", item).then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.equalTo(200), org.hamcrest.Matchers.equalTo(201)));
    }
}
