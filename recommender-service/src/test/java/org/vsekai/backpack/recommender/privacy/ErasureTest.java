package org.vsekai.backpack.recommender.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vsekai.backpack.recommender.Recommending.backpack;
import static org.vsekai.backpack.recommender.Recommending.forUser;
import static org.vsekai.backpack.recommender.Recommending.ids;
import static org.vsekai.backpack.recommender.Recommending.popular;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.contracts.recommendation.TrainingState;
import org.vsekai.backpack.recommender.Events;
import org.vsekai.backpack.recommender.serving.ModelStore;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;
import org.vsekai.backpack.recommender.training.Training;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class ErasureTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool database;

    @Inject
    ServingModel serving;

    @Inject
    ModelStore store;

    @Test
    void afterAnErasureNothingOfTheUserStaysInTheTablesTheEndpointsOrTheModels() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String gone = "gone-" + run, kind = "ke" + run, onlyTheirs = "er-" + run + "-only-theirs";
        String shared = "er-" + run + "-shared", kept = "er-" + run + "-kept";
        try (Events events = new Events(bootstrap)) {
            events.attributes(onlyTheirs, kind, Instant.now());
            events.attributes(shared, kind, Instant.now());
            events.attributes(kept, kind, Instant.now());
            for (int u = 0; u < 4; u++) {
                events.interaction("stays-" + u + "-" + run, ActivityType.LIKE, shared);
                events.interaction("stays-" + u + "-" + run, ActivityType.LIKE, kept);
                if (u < 2) {
                    events.interaction("stays-" + u + "-" + run, ActivityType.LIKE, "er-" + run + "-other");
                }
            }
            events.interaction(gone, ActivityType.LIKE, shared);
            events.interaction(gone, ActivityType.ADD, kept);
            events.interaction(gone, ActivityType.VIEW, onlyTheirs);
            Events.awaitStored(database, "er-" + run, 13, kind, 3);

            TrainingJob trained = Training.trainNow();
            assertThat(trained.state()).isEqualTo(TrainingState.SUCCEEDED);
            assertThat(serving.current().orElseThrow().users().indexOf(gone)).isNotNegative();
            assertThat(forUser(gone, null).model()).startsWith("ials@");
            assertThat(ids(popular(kind))).contains(onlyTheirs);
            assertThat(backpack(gone).size()).isEqualTo(1);

            events.erasure(gone);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(Events.rows(database, "interactions", "user_id", gone)).isZero();
                assertThat(Events.rows(database, "backpack_entries", "user_id", gone)).isZero();
                assertThat(Events.rows(database, "users", "external_id", gone)).isZero();
                // At once, before any retraining: a cold user, and their share of popularity is gone.
                assertThat(forUser(gone, null).model()).isEqualTo("popularity@live");
                assertThat(ids(popular(kind))).containsExactlyInAnyOrder(shared, kept);
            });
            assertThat(backpack(gone).size()).isZero();

            // The retraining the erasure asked for: the new model does not know them, and no older file is left.
            await().atMost(Duration.ofSeconds(120)).until(() -> Training.jobs().stream().anyMatch(job ->
                    job.trigger().equals("erasure") && job.state() == TrainingState.SUCCEEDED
                            && job.requestedAt().isAfter(trained.finishedAt())));
            Training.awaitIdle();
            ServingSnapshot now = serving.current().orElseThrow();
            assertThat(now.users().indexOf(gone)).isNegative();
            assertThat(now.items().indexOf(onlyTheirs)).as("an item only they touched").isNegative();
            for (String version : store.versions()) {
                assertThat(store.load(version).users().indexOf(gone)).as("model file %s", version).isNegative();
            }
            assertThat(given().queryParam("limit", 100).get("/items/{id}/similar", onlyTheirs).then().statusCode(200)
                    .extract().jsonPath().getString("model")).isEqualTo("popularity@live");

            // A redelivered erasure deletes nothing more and fails nothing.
            events.erasure(gone);
            events.interaction("marker-" + run, ActivityType.VIEW, "er-" + run + "-marker");
            await().atMost(Duration.ofSeconds(30)).until(() -> Events.rows(database, "interactions", "user_id",
                    "marker-" + run) == 1);
            assertThat(Events.rows(database, "interactions", "item_id", "er-" + run))
                    .isEqualTo(10 + 1); // the other users' likes and the marker
        }
    }
}
