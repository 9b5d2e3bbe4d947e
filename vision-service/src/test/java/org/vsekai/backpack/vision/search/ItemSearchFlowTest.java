package org.vsekai.backpack.vision.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.embedding.ItemEmbedding;
import org.vsekai.backpack.contracts.embedding.ItemSearchResult;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.TopicProbe;
import org.vsekai.backpack.vision.embed.SentenceEmbedder;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Items embedded from {@code item-attributes} and found by meaning, on the real broker and the real all-MiniLM-L6-v2:
 * the {@code item-embeddings} record carries the embedding of the item's text, and {@code GET /items/search} answers a
 * paraphrase of an item's description with that item, first exactly, then (past the test's threshold of 4 items)
 * through Lucene's HNSW graph.
 */
@QuarkusTest
@TestProfile(ItemSearchFlowTest.SearchOn.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class ItemSearchFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Embeddings on (the model comes from its Maven Central jar), the exact path below 4 items. */
    public static class SearchOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.backpack.vision.embeddings.enabled", "true",
                    "%test.backpack.vision.search.exact-below", "4");
        }
    }

    @Inject
    SentenceEmbedder embedder;

    private final TopicProbe probe = TopicProbe.ofTestApplication();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anItemIsFoundByAParaphraseOfItsDescriptionExactlyAndThroughHnsw() throws Exception {
        String castle = "castle-" + run;
        ItemAttributes castleItem = item(castle, "map", "Blackmoor Keep",
                "A crumbling stone fortress on a stormy hill, haunted by ghosts at night", List.of("medieval"));
        send(castleItem);
        send(item("beach-" + run, "map", "Sunset Cove",
                "Warm sand, palm trees and surf music by the ocean", List.of("summer")));

        ItemEmbedding embedded = awaitEmbedding(castle);
        String text = "Blackmoor Keep. A crumbling stone fortress on a stormy hill, haunted by ghosts at night. "
                + "medieval, wall";
        assertThat(embedded.text()).isEqualTo(text);
        assertThat(embedded.vector()).hasSize(SentenceEmbedder.DIMENSIONS);
        assertThat(embedded.vector()).as("the model's embedding of the item's text")
                .containsExactly(embedder.embed(List.of(text))[0], org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(embedded.kind()).isEqualTo("map");
        awaitEmbedding("beach-" + run);

        String query = "an old spooky castle with phantoms";
        ItemSearchResult exact = awaitSearch(query, 2);
        assertThat(exact.method()).isEqualTo("exact");
        assertThat(exact.items().get(0).itemId()).isEqualTo(castle);
        assertThat(exact.items().get(0).score()).isGreaterThan(exact.items().get(1).score());

        send(item("station-" + run, "map", "Orbital Lab", "A research station circling the earth among the stars",
                List.of("space")));
        send(item("robot-" + run, "avatar", "Bolt", "A friendly metal robot with blue lights", List.of("robot")));
        send(item("kitchen-" + run, "prop", "Chef's Table", "Pots, pans and a wood stove for cooking dinner",
                List.of("food")));
        ItemSearchResult hnsw = awaitSearch(query, 5);
        assertThat(hnsw.method()).isEqualTo("hnsw");
        assertThat(hnsw.items().get(0).itemId()).isEqualTo(castle);
        assertThat(hnsw.items().get(0).score()).as("the same cosine on both paths")
                .isCloseTo(exact.items().get(0).score(), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(search("a machine person that glows blue", null).items().get(0).itemId())
                .isEqualTo("robot-" + run);
        assertThat(search("an old spooky castle with phantoms", "avatar").items())
                .extracting(ItemSearchResult.Hit::kind).containsOnly("avatar");

        // The item's tombstone goes on as a tombstone and takes it out of the search.
        probe.send(Topics.ITEM_ATTRIBUTES_NAME, castle, (byte[]) null);
        assertThat(probe.await(Topics.ITEM_EMBEDDINGS_NAME, r -> castle.equals(r.key()) && r.value() == null, WAIT))
                .hasSize(1);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(search(query, null).items())
                .extracting(ItemSearchResult.Hit::itemId).doesNotContain(castle));
    }

    @Test
    void aQueryIsRequiredAndBounded() {
        given().when().get("/items/search").then().statusCode(400)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/search/no-query"));
        given().queryParam("q", "x".repeat(1001)).when().get("/items/search").then().statusCode(400)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/search/query-too-long"));
        given().queryParam("q", "castle").queryParam("limit", "0").when().get("/items/search").then()
                .statusCode(400);
    }

    @Test
    void aRecordWithoutAnItemGoesToTheDeadLetterTopic() {
        String key = "itemless-" + run;
        probe.send(Topics.ITEM_ATTRIBUTES_NAME, key, EventJson.write(new ItemAttributes(1, UUID.randomUUID(), null,
                "map", "x", List.of(), List.of(), null, null, List.of(), Instant.now())));
        List<ConsumerRecord<String, byte[]>> dead = probe.await(Topics.ITEM_ATTRIBUTES.deadLetterTopic(),
                r -> key.equals(r.key()), WAIT);
        assertThat(dead).hasSize(1);
    }

    private ItemSearchResult awaitSearch(String query, int indexed) {
        return Awaitility.await().atMost(WAIT).until(() -> search(query, null), r -> r.indexed() >= indexed);
    }

    private static ItemSearchResult search(String query, String kind) {
        var request = given().queryParam("q", query);
        if (kind != null) {
            request = request.queryParam("kind", kind);
        }
        return request.when().get("/items/search").then().statusCode(200).extract().as(ItemSearchResult.class);
    }

    private ItemEmbedding awaitEmbedding(String itemId) {
        List<ConsumerRecord<String, byte[]>> found = probe.await(Topics.ITEM_EMBEDDINGS_NAME,
                r -> itemId.equals(r.key()) && r.value() != null, WAIT);
        assertThat(found).as("item-embeddings record of " + itemId).isNotEmpty();
        return EventJson.read(found.get(0).value(), Topics.ITEM_EMBEDDINGS);
    }

    private void send(ItemAttributes item) {
        probe.send(Topics.ITEM_ATTRIBUTES_NAME, item.itemId(), EventJson.write(item));
    }

    private static ItemAttributes item(String id, String kind, String name, String description,
                                       List<String> keywords) {
        return new ItemAttributes(1, UUID.randomUUID(), id, kind, name, keywords, List.of(), "user-1", null,
                id.startsWith("castle") ? List.of("wall") : List.of(), Instant.now(), description);
    }
}
