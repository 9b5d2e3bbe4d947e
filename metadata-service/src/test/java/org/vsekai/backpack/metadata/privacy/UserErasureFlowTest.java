package org.vsekai.backpack.metadata.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.contracts.scene.PacketTarget;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.contracts.scene.XmpPacket;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.SqlProbe;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.testkit.UserErasureProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** The privacy erase on the real broker and database: nothing of the user stays readable, through HTTP or SQL. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_metadata"))
class UserErasureFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BACKPACK = "https://backpack.v-sekai.org/contexts/backpack.jsonld";

    @Inject
    Pool pool;

    private final TopicProbe probe = TopicProbe.ofTestApplication();

    @Test
    void anErasureDeletesEveryVersionIndexRowAndPacketOfTheUsersItemsAndAnnouncesThemGone() {
        String user = "user-" + UUID.randomUUID();
        String neighbour = "user-" + UUID.randomUUID();
        String tag = "kw-" + UUID.randomUUID();
        String item = UUID.randomUUID().toString();
        UUID scene = UUID.randomUUID();
        String sceneItem = scene.toString();
        String kept = UUID.randomUUID().toString();
        UUID uploadedScene = UUID.randomUUID();
        put(user, item, "First", tag).statusCode(201);
        put(user, item, "Second", tag).statusCode(200);
        put(user, sceneItem, "Scene", tag).statusCode(201);
        put(neighbour, kept, "Neighbour's", tag).statusCode(201);
        // Packets of the scene that is the user's item (uploaded by someone else), and of an upload of the user's.
        sendPackets(scene, neighbour);
        sendPackets(uploadedScene, user);
        awaitPackets(scene);
        awaitPackets(uploadedScene);
        given().queryParam("keyword", tag).get("/items").then().statusCode(200)
                .body("items.size()", equalTo(3));

        erasures().erase(user);

        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/items/{id}/metadata", item).then().statusCode(404));
        given().get("/items/{id}/metadata", sceneItem).then().statusCode(404);
        given().get("/scenes/{id}/packets", scene).then().statusCode(404);
        given().get("/scenes/{id}/packets", uploadedScene).then().statusCode(404);
        given().queryParam("keyword", tag).get("/items").then().statusCode(200)
                .body("items", equalTo(List.of(kept)));
        given().get("/items/{id}/metadata", kept).then().statusCode(200)
                .header("X-Backpack-Owner", equalTo(neighbour));
        for (String table : List.of("item_metadata_versions", "item_metadata_heads", "item_attribute_values",
                "item_detected_classes")) {
            assertThat(sql().count("SELECT count(*) FROM " + table + " WHERE item_id IN ($1, $2)", item, sceneItem))
                    .as(table).isZero();
        }
        assertThat(sql().count("SELECT count(*) FROM item_metadata_heads WHERE owner_id = $1", user)).isZero();
        assertThat(sql().count("SELECT count(*) FROM scene_packets WHERE owner_id = $1 OR scene_id IN ($2, $3)",
                user, scene, uploadedScene)).isZero();

        // Each erased item is announced gone: a tombstone under its key on the compacted topic.
        Set<String> tombstones = awaitTombstones(Set.of(item, sceneItem));
        assertThat(tombstones).containsExactlyInAnyOrder(item, sceneItem);
        assertThat(probe.await(Topics.ITEM_ATTRIBUTES_NAME, r -> kept.equals(r.key()) && r.value() == null,
                Duration.ofSeconds(2))).as("the neighbour's item is not erased").isEmpty();
    }

    @Test
    void aRedeliveredErasureChangesNothingAndALaterItemOfTheUserIsKept() {
        String user = "user-" + UUID.randomUUID();
        String before = UUID.randomUUID().toString();
        put(user, before, "Before", "x").statusCode(201);
        UserErasure erasure = erasures().erase(user);
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/items/{id}/metadata", before).then().statusCode(404));

        // The same event again: it was applied, so it must not erase what the user stored since.
        String after = UUID.randomUUID().toString();
        put(user, after, "After", "y").statusCode(201);
        erasures().redeliver(erasure);

        given().get("/items/{id}/metadata", after).then().statusCode(200)
                .header("X-Backpack-Owner", equalTo(user));
    }

    @Test
    void anUnreadableOrUserlessErasureGoesToTheDeadLetterTopic() {
        erasures().assertUnreadableAndUserlessErasuresGoToTheDeadLetterTopic();
    }

    private Set<String> awaitTombstones(Set<String> keys) {
        return Awaitility.await().atMost(WAIT).until(() -> probe.await(Topics.ITEM_ATTRIBUTES_NAME,
                                r -> keys.contains(r.key()) && r.value() == null, WAIT).stream()
                        .map(ConsumerRecord::key).collect(Collectors.toSet()),
                found -> found.containsAll(keys));
    }

    private SqlProbe sql() {
        return new SqlProbe(pool);
    }

    private UserErasureProbe erasures() {
        return new UserErasureProbe(probe, sql());
    }

    private void sendPackets(UUID scene, String owner) {
        SceneMetadata event = new SceneMetadata(SceneMetadata.CURRENT_VERSION, UUID.randomUUID(), scene, owner,
                List.of(new XmpPacket(0, List.of(new PacketTarget("asset", null)),
                        EventJson.mapper().createObjectNode().put("dc:title", "t"))));
        probe.send(Topics.SCENE_METADATA_NAME, scene.toString(), EventJson.write(event));
    }

    private static void awaitPackets(UUID scene) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/scenes/{id}/packets", scene).then().statusCode(200));
    }

    private static io.restassured.response.ValidatableResponse put(String user, String item, String name,
                                                                   String keyword) {
        return given().contentType("application/ld+json")
                .header(ForwardedIdentity.USER_HEADER, user)
                .body("""
                        {"@context": "%s", "type": "Prop", "name": "%s", "keywords": ["%s"]}"""
                        .formatted(BACKPACK, name, keyword))
                .put("/items/{id}/metadata", item).then();
    }
}
