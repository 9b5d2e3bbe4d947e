package org.vsekai.backpack.metadata.packet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.contracts.scene.PacketTarget;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.contracts.vision.BoundingBox;
import org.vsekai.backpack.contracts.vision.Detection;
import org.vsekai.backpack.contracts.vision.Detections;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.TopicProbe;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A scene's packets make it an item of kind scene, and its detections grow that item's classes: real broker and DB. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_metadata"))
class SceneItemFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final BoundingBox BOX = new BoundingBox(1, 2, 3, 4);

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void theAssetPacketBecomesTheSceneItemsAttributesAndDetectionsAddItsClasses() {
        UUID scene = UUID.randomUUID();
        String item = scene.toString();
        // The node's packet comes first but the asset's describes the scene.
        SceneMetadata metadata = new SceneMetadata(1, UUID.randomUUID(), scene, "owner-" + item, List.of(
                new XmpPacket(0, List.of(new PacketTarget("node", 1)), packet("""
                        {"@context": {"dc": "http://purl.org/dc/elements/1.1/"}, "dc:title": "A lamp"}""")),
                new XmpPacket(1, List.of(new PacketTarget("asset", null)), packet("""
                        {"@context": {"dc": "http://purl.org/dc/elements/1.1/"}, "dc:title": "Night Market",
                         "dc:subject": ["Market", "night"], "dc:creator": {"@list": ["Ada"]}}"""))));
        send(metadata);

        ItemAttributes announced = awaitAttributes(item, a -> true);
        assertThat(announced.kind()).isEqualTo("scene");
        assertThat(announced.name()).isEqualTo("Night Market");
        assertThat(announced.keywords()).containsExactly("market", "night");
        assertThat(announced.creator()).isEqualTo("Ada");
        assertThat(announced.detectedClasses()).isEmpty();
        JsonPath attributes = attributes(item);
        assertThat(attributes.getString("ownerId")).as("the scene's owner owns its item").isEqualTo("owner-" + item);
        assertThat(attributes.getInt("version")).isEqualTo(1);
        // The item is findable like any other, and its metadata reads back as a Backpack Scene.
        given().queryParam("kind", "scene").queryParam("keyword", "market").get("/items").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.hasItem(item));
        given().get("/items/{id}/metadata", item).then().statusCode(200).body("type", equalTo("Scene"));

        send(new Detections(Detections.CURRENT_VERSION, UUID.randomUUID(), scene, UUID.randomUUID(), "rf-detr", "1",
                List.of(new Detection("chair", 0.9, BOX), new Detection("person", 0.7, BOX),
                        new Detection("car", 0.1, BOX))));
        ItemAttributes grown = awaitAttributes(item, a -> !a.detectedClasses().isEmpty());
        assertThat(grown.detectedClasses()).containsExactly("chair", "person");
        assertThat(grown.kind()).isEqualTo("scene");
        assertThat(attributes(item).getList("detectedClasses")).containsExactly("chair", "person");

        // The same scene-metadata event again (a redelivery) makes no second version.
        send(metadata);
        // A marker on the same partition is consumed after it.
        int partitions = Topics.SCENE_METADATA.partitions();
        UUID marker;
        do {
            marker = UUID.randomUUID();
        } while (partitionOf(marker, partitions) != partitionOf(scene, partitions));
        send(new SceneMetadata(1, UUID.randomUUID(), marker, "owner-marker", List.of()));
        awaitAttributes(marker.toString(), a -> true);
        assertThat(attributes(item).getInt("version")).isEqualTo(1);
    }

    @Test
    void aPacketTheProcessorRefusesStillMakesASceneItemOfKindScene() {
        UUID scene = UUID.randomUUID();
        send(new SceneMetadata(1, UUID.randomUUID(), scene, "owner-x", List.of(
                new XmpPacket(0, List.of(new PacketTarget("asset", null)), packet("""
                        {"@context": "https://example.org/remote-context.jsonld", "title": "Remote"}""")))));

        ItemAttributes announced = awaitAttributes(scene.toString(), a -> true);
        assertThat(announced.kind()).isEqualTo("scene");
        assertThat(announced.name()).isNull();
        given().get("/scenes/{id}/packets", scene).then().statusCode(200)
                .body("packets[0].document.title", equalTo("Remote"));
    }

    @Test
    void anItemOfAnotherUserUnderTheScenesIdKeepsItsOwnerAndThePacketsAreStillStored() {
        UUID scene = UUID.randomUUID();
        String item = scene.toString();
        given().contentType("application/ld+json").header(ForwardedIdentity.USER_HEADER, "squatter")
                .body("""
                        {"@context": "https://backpack.v-sekai.org/contexts/backpack.jsonld", "type": "Prop",
                         "name": "Mine"}""")
                .put("/items/{id}/metadata", item).then().statusCode(201);

        send(new SceneMetadata(1, UUID.randomUUID(), scene, "owner-real", List.of(
                new XmpPacket(0, List.of(new PacketTarget("asset", null)), packet("""
                        {"@context": {"dc": "http://purl.org/dc/elements/1.1/"}, "dc:title": "Real"}""")))));

        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/scenes/{id}/packets", scene).statusCode() == 200);
        JsonPath attributes = attributes(item);
        assertThat(attributes.getString("ownerId")).isEqualTo("squatter");
        assertThat(attributes.getString("attributes.name")).isEqualTo("Mine");
        assertThat(attributes.getInt("version")).isEqualTo(1);
    }

    @Test
    void anItemWithoutMetadataHasNoAttributes() {
        given().get("/items/{id}/attributes", "no-such-item").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static int partitionOf(UUID key, int partitions) {
        return BuiltInPartitioner.partitionForKey(key.toString().getBytes(StandardCharsets.UTF_8), partitions);
    }

    private static JsonPath attributes(String item) {
        return given().get("/items/{id}/attributes", item).then().statusCode(200).extract().jsonPath();
    }

    private ItemAttributes awaitAttributes(String item, Predicate<ItemAttributes> wanted) {
        return Awaitility.await().atMost(WAIT).until(() -> probe.await(Topics.ITEM_ATTRIBUTES_NAME,
                                r -> item.equals(r.key()) && r.value() != null, WAIT).stream()
                        .map(r -> EventJson.read(r.value(), Topics.ITEM_ATTRIBUTES)).filter(wanted).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private void send(SceneMetadata event) {
        probe.send(Topics.SCENE_METADATA_NAME, event.sceneId().toString(), EventJson.write(event));
    }

    private void send(Detections event) {
        probe.send(Topics.DETECTIONS_NAME, event.sceneId().toString(), EventJson.write(event));
    }

    private static JsonNode packet(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
