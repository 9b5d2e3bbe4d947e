package org.vsekai.backpack.recommender.foldin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vsekai.backpack.recommender.Recommending.forUser;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.ScoredItem;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.contracts.recommendation.TrainingState;
import org.vsekai.backpack.recommender.Events;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.recommendation.RecommendationService;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;
import org.vsekai.backpack.recommender.training.Training;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The speed layer on the real broker and database: interactions after a training change what the trained model
 * serves without another training. The data: two taste groups of six items each, eight users per group who like
 * all but one of their group's items, and "me", who liked three items of group A.
 */
@QuarkusTest
class FoldInTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool database;

    @Inject
    ServingModel serving;

    @Inject
    RecommenderConfig config;

    private String run;
    private String me;

    private String a(int i) {
        return "fa-" + run + "-" + i;
    }

    private String b(int i) {
        return "fb-" + run + "-" + i;
    }

    @BeforeEach
    void storeTasteGroupsAndTrain() {
        run = UUID.randomUUID().toString().substring(0, 8);
        me = "me-" + run;
        int sent = 0;
        try (Events events = new Events(bootstrap)) {
            for (int u = 0; u < 8; u++) {
                for (int i = 0; i < 6; i++) {
                    if (i != u % 6) {
                        events.interaction("ua" + u + "-" + run, ActivityType.LIKE, a(i));
                        events.interaction("ub" + u + "-" + run, ActivityType.LIKE, b(i));
                        sent += 2;
                    }
                }
            }
            for (int i = 0; i < 3; i++) {
                events.interaction(me, ActivityType.LIKE, a(i));
                sent++;
            }
        }
        awaitInteractions(sent);
        assertThat(Training.trainNow().state()).isEqualTo(TrainingState.SUCCEEDED);
    }

    @Test
    void anInteractionChangesTheUsersRecommendationsWithoutARetrain() {
        ServingSnapshot trained = serving.current().orElseThrow();
        Recommendations before = forUser(me, null, 100);
        assertThat(before.model()).isEqualTo("ials@" + trained.version());
        assertThat(ours(before).get(0)).as("me liked group A only").startsWith("fa-");
        int jobs = Training.jobs().size();

        try (Events events = new Events(bootstrap)) {
            for (int i = 1; i < 6; i++) {
                events.interaction(me, ActivityType.LIKE, b(i)); // five of B now against three of A
            }
        }

        await().atMost(WAIT).untilAsserted(() -> {
            Recommendations after = forUser(me, null, 100);
            assertThat(after.model()).isEqualTo(RecommendationService.FOLD_IN + "@" + trained.version());
            assertThat(ours(after)).doesNotContain(b(1), b(2), b(3), b(4), b(5))
                    .startsWith(b(0)); // the one B item left outranks the three A items left
        });
        assertThat(serving.current().orElseThrow().version()).as("no training in between")
                .isEqualTo(trained.version());
        assertThat(Training.jobs()).hasSize(jobs);
    }

    @Test
    void aNewItemIsFoldedInFromItsFirstInteractionsAndRecommended() {
        String fresh = "fb-" + run + "-new";
        String reader = "ub0-" + run; // likes B (all but b0), has not touched the new item
        try (Events events = new Events(bootstrap)) {
            for (int u = 1; u < 8; u++) {
                events.interaction("ub" + u + "-" + run, ActivityType.LIKE, fresh);
            }
        }

        await().atMost(WAIT).untilAsserted(() -> {
            Recommendations answer = forUser(reader, null, 100);
            List<String> ours = ours(answer);
            assertThat(ours).contains(fresh);
            // The new item sits with B (the only other B item left), before every A item.
            assertThat(ours.subList(0, 2)).containsExactlyInAnyOrder(fresh, b(0));
            ScoredItem item = answer.items().stream().filter(s -> s.itemId().equals(fresh)).findFirst()
                    .orElseThrow();
            assertThat(item.because()).as("no RP3beta links yet: nothing invented").isEmpty();
        });
        assertThat(serving.current().orElseThrow().items().indexOf(fresh)).as("not in the trained model").isNegative();
    }

    @Test
    void aFoldInThatArrivesDuringATrainingIsFoldedAgainIntoTheNewModel() throws Exception {
        Training.awaitIdle();
        Training.Held held = Training.holdTrainings(config);
        try {
            TrainingJob job = Training.start();
            assertThat(held.awaitRead()).as("the training read its data").isTrue();
            int stored = (int) (Events.rows(database, "interactions", "item_id", "fa-" + run)
                    + Events.rows(database, "interactions", "item_id", "fb-" + run));
            try (Events events = new Events(bootstrap)) {
                for (int i = 1; i < 6; i++) {
                    events.interaction(me, ActivityType.LIKE, b(i)); // after the cut: not in the new model
                }
            }
            awaitInteractions(stored + 5);
            held.release();
            TrainingJob done = Training.awaitDone(job.id());
            assertThat(done.state()).isEqualTo(TrainingState.SUCCEEDED);

            await().atMost(WAIT).untilAsserted(() -> {
                Recommendations after = forUser(me, null, 100);
                assertThat(after.model()).isEqualTo(RecommendationService.FOLD_IN + "@" + done.modelVersion());
                assertThat(ours(after)).startsWith(b(0));
            });
        } finally {
            held.release(); // the mock itself goes with the test
        }
    }

    private void awaitInteractions(int expected) {
        await().atMost(WAIT).until(() -> Events.rows(database, "interactions", "item_id", "fa-" + run)
                + Events.rows(database, "interactions", "item_id", "fb-" + run) == expected);
    }

    /** This run's items in the answer, best first (earlier tests' items may be in it too). */
    private List<String> ours(Recommendations answer) {
        return answer.items().stream().map(ScoredItem::itemId)
                .filter(id -> id.startsWith("fa-" + run) || id.startsWith("fb-" + run)).toList();
    }
}
