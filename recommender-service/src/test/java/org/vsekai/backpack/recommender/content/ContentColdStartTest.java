package org.vsekai.backpack.recommender.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vsekai.backpack.recommender.Recommending.forUser;
import static org.vsekai.backpack.recommender.Recommending.ids;
import static org.vsekai.backpack.recommender.Recommending.similar;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.embedding.ItemEmbedding;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;
import org.vsekai.backpack.recommender.Events;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Content-based answers from {@code item-embeddings} on the real broker and database: a user with one interaction
 * with items no model knows gets the items nearest that item's text, of the asked kind, never what they have
 * already; an item nobody touched has the items nearest its embedding as its similar items. The vectors are chosen
 * by the test (the recommender does not depend on which model made them): three directions, items near each.
 */
@QuarkusTest
class ContentColdStartTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool database;

    @Inject
    ItemVectors vectors;

    @Test
    void aColdUserGetsTheItemsNearestWhatTheyLikedAndAnUntouchedItemItsNearestItems() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String kind = "ct" + run;
        String castle = "ct-" + run + "-castle", fort = "ct-" + run + "-fort", tower = "ct-" + run + "-tower";
        String beach = "ct-" + run + "-beach", robot = "ct-" + run + "-robot";
        String user = "ct-user-" + run;
        try (Events events = new Events(bootstrap)) {
            for (String item : new String[] {castle, fort, tower, beach, robot}) {
                events.attributes(item, kind, Instant.now());
            }
            // castle, fort and tower point one way (tower a little further off), beach and robot others.
            embed(events, castle, kind, unit(1, 0, 0, 0.1f));
            embed(events, fort, kind, unit(0.95f, 0.1f, 0, 0));
            embed(events, tower, kind, unit(0.8f, 0, 0.3f, 0));
            embed(events, beach, kind, unit(0, 1, 0, 0));
            embed(events, robot, kind, unit(0, 0, 0, 1));
            // Keyed by item, the five land on different partitions: each is waited for, not the last one sent.
            await().atMost(Duration.ofSeconds(30)).until(() -> Stream.of(castle, fort, tower, beach, robot)
                    .allMatch(vectors::has));

            // Nobody touched fort: its similar items are its nearest by text.
            SimilarItems similarToFort = similar(fort, kind);
            assertThat(similarToFort.model()).isEqualTo(ItemVectors.CONTENT);
            assertThat(ids(similarToFort)).startsWith(castle, tower).doesNotContain(fort);
            assertThat(similarToFort.items().get(0).score()).isGreaterThan(similarToFort.items().get(1).score());

            events.interaction(user, ActivityType.LIKE, castle);
            Events.awaitStored(database, "ct-" + run, 1, kind, 5);
            Recommendations cold = await().atMost(Duration.ofSeconds(30))
                    .until(() -> forUser(user, kind), r -> ItemVectors.CONTENT.equals(r.model()));
            assertThat(ids(cold)).as("nearest castle first; castle itself, seen, never")
                    .startsWith(fort, tower).doesNotContain(castle);
            assertThat(ids(forUser(user, "other-" + kind))).isEmpty();

            // An item's tombstone on item-embeddings takes it out of the content answers.
            events.kafka().send(Topics.ITEM_EMBEDDINGS_NAME, fort, (byte[]) null);
            await().atMost(Duration.ofSeconds(30)).until(() -> !vectors.has(fort));
            assertThat(ids(forUser(user, kind))).startsWith(tower).doesNotContain(fort);
        }
    }

    private static void embed(Events events, String item, String kind, float[] vector) {
        events.kafka().send(Topics.ITEM_EMBEDDINGS_NAME, item, EventJson.write(new ItemEmbedding(
                ItemEmbedding.CURRENT_VERSION, UUID.randomUUID(), item, kind, "all-minilm-l6-v2-q", "test",
                "text of " + item, vector, Instant.now())));
    }

    private static float[] unit(float... v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return out;
    }
}
