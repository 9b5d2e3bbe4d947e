package org.vsekai.backpack.recommender.item;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vsekai.backpack.recommender.Recommending.backpack;
import static org.vsekai.backpack.recommender.Recommending.forUser;
import static org.vsekai.backpack.recommender.Recommending.ids;
import static org.vsekai.backpack.recommender.Recommending.popular;
import static org.vsekai.backpack.recommender.Recommending.session;
import static org.vsekai.backpack.recommender.Recommending.similar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.contracts.recommendation.TrainingState;
import org.vsekai.backpack.recommender.Events;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.training.Training;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A real tombstone on {@code item-attributes} (key = item id, null value, sent by a plain Kafka producer): the item
 * leaves popularity, item-item, user and session recommendations and backpacks at once, from the model trained
 * before it too; its rows go; later interactions, a redelivered tombstone and an older record in flight do not bring
 * it back; the next training leaves it out; a newer record brings the id back as a new item.
 */
@QuarkusTest
class ItemTombstoneTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool database;

    @Inject
    ServingModel serving;

    @Test
    void aTombstonedItemIsNeverServedAgainUntilANewerRecordBringsItBack() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String kind = "kt" + run;
        String gone = "tb-" + run + "-gone", a = "tb-" + run + "-a", b = "tb-" + run + "-b";
        String fan = "fan-" + run, holder = "holder-" + run;
        try (Events events = new Events(bootstrap)) {
            for (String item : List.of(gone, a, b)) {
                events.attributes(item, kind, Instant.now());
            }
            for (int u = 0; u < 4; u++) {
                String user = "tb-u" + u + "-" + run;
                events.interaction(user, ActivityType.LIKE, gone);
                events.interaction(user, ActivityType.LIKE, a);
                events.interaction(user, ActivityType.LIKE, b);
            }
            events.interaction(fan, ActivityType.LIKE, a);
            events.interaction(holder, ActivityType.ADD, gone);
            Events.awaitStored(database, "tb-" + run, 14, kind, 3);

            TrainingJob trained = Training.trainNow();
            assertThat(trained.state()).isEqualTo(TrainingState.SUCCEEDED);
            // Before: the item is everywhere.
            assertThat(ids(popular(kind))).contains(gone);
            assertThat(ids(similar(a, kind))).contains(gone);
            assertThat(ids(session(List.of(a), kind))).contains(gone);
            Recommendations forFan = forUser(fan, kind);
            assertThat(forFan.model()).startsWith("ials@");
            assertThat(ids(forFan)).contains(gone);
            assertThat(backpack(holder)).containsExactly(gone);

            events.kafka().send(Topics.ITEM_ATTRIBUTES_NAME, gone, (byte[]) null);
            await().atMost(Duration.ofSeconds(30)).until(() -> isGone(gone));
            // Its rows are gone with it: every user's interactions with it and backpack entries of it.
            assertThat(Events.rows(database, "interactions", "item_id", gone)).isZero();
            assertThat(Events.rows(database, "backpack_entries", "item_id", gone)).isZero();
            assertThat(Events.rows(database, "interactions", "item_id", a)).isEqualTo(5);
            assertThat(kindAndName(gone)).as("the erased owner's attributes").containsOnlyNulls();
            assertServedNowhere(gone, a, fan, holder, kind);
            // The same model still serves the others: the filter is per item, not a fall back to popularity.
            assertThat(forUser(fan, kind).model()).isEqualTo("ials@" + trained.modelVersion());
            assertThat(similar(a, kind).model()).isEqualTo("rp3beta@" + trained.modelVersion());
            // A tombstone is the topic's "delete", not a failure.
            assertThat(events.kafka().await(Topics.ITEM_ATTRIBUTES_NAME + ".dlq", r -> gone.equals(r.key()),
                    Duration.ofSeconds(2))).isEmpty();

            // What still arrives for it (the tombstone again, a record written before the tombstone but delivered
            // after it, late interactions) does not bring it back. The marker shares the partition, so once it is
            // stored, everything sent before it on item-attributes has been consumed.
            events.kafka().send(Topics.ITEM_ATTRIBUTES_NAME, gone, (byte[]) null);
            events.attributes(gone, kind, Instant.now().minus(Duration.ofHours(1)));
            String marker = samePartition(gone, "tb-" + run + "-marker");
            events.attributes(marker, kind, Instant.now());
            await().atMost(Duration.ofSeconds(30)).until(() -> Events.rows(database, "items", "external_id", marker)
                    == 1);
            assertThat(isGone(gone)).isTrue();
            events.interaction("tb-u0-" + run, ActivityType.VIEW, gone);
            events.interaction(holder, ActivityType.ADD, gone);
            await().atMost(Duration.ofSeconds(30)).until(() -> Events.rows(database, "interactions", "item_id", gone)
                    == 2);
            assertServedNowhere(gone, a, fan, holder, kind);

            // The next training does not learn it, although two interactions with it are stored.
            TrainingJob retrained = Training.trainNow();
            assertThat(retrained.state()).isEqualTo(TrainingState.SUCCEEDED);
            assertThat(serving.current().orElseThrow().items().indexOf(gone)).isNegative();
            assertThat(serving.current().orElseThrow().items().indexOf(a)).isNotNegative();
            assertServedNowhere(gone, a, fan, holder, kind);

            // A record newer than the tombstone (the id was given to a new item) brings it back, as a new item.
            events.attributes(gone, kind, Instant.now());
            await().atMost(Duration.ofSeconds(30)).until(() -> !isGone(gone));
            assertThat(given().get("/items/{id}/similar", gone).then().statusCode(200).extract().jsonPath()
                    .getString("model")).isEqualTo("popularity@live");
            assertThat(ids(popular(kind))).contains(gone);
            assertThat(backpack(holder)).containsExactly(gone);
        }
    }

    private void assertServedNowhere(String gone, String a, String fan, String holder, String kind) {
        given().get("/items/{id}/similar", gone).then().statusCode(404);
        assertThat(ids(popular(kind))).doesNotContain(gone).contains(a);
        assertThat(ids(popular(null))).doesNotContain(gone);
        assertThat(ids(similar(a, kind))).doesNotContain(gone);
        Recommendations session = session(List.of(a, gone), kind);
        assertThat(ids(session)).doesNotContain(gone);
        assertThat(session.items()).allSatisfy(item -> assertThat(item.because()).doesNotContain(gone));
        Recommendations forFan = forUser(fan, kind);
        assertThat(ids(forFan)).doesNotContain(gone);
        assertThat(forFan.items()).allSatisfy(item -> assertThat(item.because()).doesNotContain(gone));
        assertThat(ids(forUser(holder, kind))).doesNotContain(gone);
        assertThat(backpack(holder)).doesNotContain(gone);
    }

    private boolean isGone(String item) {
        var rows = database.preparedQuery("SELECT gone FROM items WHERE external_id = $1").execute(Tuple.of(item))
                .await().indefinitely();
        return rows.size() == 1 && rows.iterator().next().getBoolean(0);
    }

    private List<String> kindAndName(String item) {
        var row = database.preparedQuery("SELECT kind, name, creator FROM items WHERE external_id = $1")
                .execute(Tuple.of(item)).await().indefinitely().iterator().next();
        return java.util.Arrays.asList(row.getString(0), row.getString(1), row.getString(2));
    }

    /** A key that the producer's default partitioner puts on the same partition of item-attributes as {@code key}. */
    private static String samePartition(String key, String prefix) {
        int partitions = Topics.ITEM_ATTRIBUTES.partitions();
        int wanted = partition(key, partitions);
        for (int i = 0; ; i++) {
            String candidate = prefix + "-" + i;
            if (partition(candidate, partitions) == wanted) {
                return candidate;
            }
        }
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
