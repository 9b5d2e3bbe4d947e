package org.vsekai.backpack.recommender.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vsekai.backpack.recommender.Recommending.forUser;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.recommendation.Recommendations;
import org.vsekai.backpack.contracts.recommendation.ScoredItem;
import org.vsekai.backpack.contracts.recommendation.SimilarItems;
import org.vsekai.backpack.contracts.recommendation.TrainingEvaluation;
import org.vsekai.backpack.contracts.recommendation.TrainingJob;
import org.vsekai.backpack.contracts.recommendation.TrainingState;
import org.vsekai.backpack.recommender.Events;
import org.vsekai.backpack.recommender.RecommenderConfig;
import org.vsekai.backpack.recommender.model.matrix.InteractionMatrix;
import org.vsekai.backpack.recommender.serving.ModelStore;
import org.vsekai.backpack.recommender.serving.ServingModel;
import org.vsekai.backpack.recommender.serving.ServingSnapshot;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The trained path: a training through the admin endpoint, the served models, their saved files, swaps under load
 * and a failed training. The data: two taste groups of six items each, twelve users per group who like all but one
 * of their group's items, and "me", who liked three items of group A.
 */
@QuarkusTest
class TrainingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool database;

    @Inject
    ModelStore store;

    @Inject
    ServingModel serving;

    @Inject
    RecommenderConfig config;

    private String run;
    private String kindA;
    private String me;

    private String a(int i) {
        return "ta-" + run + "-" + i;
    }

    private String b(int i) {
        return "tb-" + run + "-" + i;
    }

    @BeforeEach
    void storeTasteGroups() {
        run = UUID.randomUUID().toString().substring(0, 8);
        kindA = "ka" + run;
        me = "me-" + run;
        int sent = 0;
        try (Events events = new Events(bootstrap)) {
            for (int i = 0; i < 6; i++) {
                events.attributes(a(i), kindA, Instant.now());
                events.attributes(b(i), "kb" + run, Instant.now());
            }
            for (int u = 0; u < 12; u++) {
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
        int expected = sent;
        await().atMost(Duration.ofSeconds(60)).until(() -> Events.rows(database, "interactions", "item_id", "ta-" + run)
                + Events.rows(database, "interactions", "item_id", "tb-" + run) == expected);
        await().atMost(Duration.ofSeconds(60)).until(() -> Events.rows(database, "items", "external_id", "t_-" + run)
                == 12 && kindsArrived());
    }

    private boolean kindsArrived() {
        return database.query("SELECT count(*) FROM items WHERE kind = '" + kindA + "'").execute().await()
                .indefinitely().iterator().next().getLong(0) == 6;
    }

    @Test
    void anAdminTrainingServesVersionedModelsThatASecondLoadServesIdentically() throws Exception {
        TrainingJob job = Training.trainNow();

        assertThat(job.state()).isEqualTo(TrainingState.SUCCEEDED);
        assertThat(job.trigger()).isEqualTo("admin");
        assertThat(job.interactions()).isPositive();
        assertThat(job.modelVersion()).matches("\\d{8}T\\d{9}Z-\\d{4}");
        // Saved under its version, the newest file; older ones beyond the configured number are deleted.
        assertThat(store.versions()).endsWith(job.modelVersion()).hasSizeLessThanOrEqualTo(config.models().keep());
        assertThat(Training.jobs().get(0).id()).isEqualTo(job.id());
        // Versioned with its holdout figures, stored with the run and served by the job endpoint.
        TrainingEvaluation figures = job.evaluation();
        assertThat(figures).isNotNull();
        assertThat(figures.skipped()).isNull();
        assertThat(figures.algorithm()).isEqualTo("ials");
        assertThat(figures.evaluatedUsers()).isPositive();
        assertThat(List.of(figures.ndcgAt10(), figures.precisionAt10(), figures.recallAt10()))
                .allSatisfy(value -> assertThat(value).isBetween(0.0, 1.0));
        assertThat(Training.job(job.id()).evaluation()).isEqualTo(figures);
        assertThat(database.preparedQuery("SELECT eval_ndcg_at_10 FROM training_jobs WHERE id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(job.id()))).await().indefinitely()
                .iterator().next().getDouble(0)).as("stored in its column").isEqualTo(figures.ndcgAt10());

        // User-item: iALS, my group's other items, never mine, each explained by my items.
        Recommendations mine = forUser(me, kindA, 10);
        assertThat(mine.model()).isEqualTo("ials@" + job.modelVersion());
        assertThat(mine.items()).extracting(ScoredItem::itemId).containsExactlyInAnyOrder(a(3), a(4), a(5));
        assertThat(mine.items()).allSatisfy(item -> assertThat(item.because()).isNotEmpty()
                .isSubsetOf(a(0), a(1), a(2)));
        Recommendations unfiltered = forUser(me, null, 10);
        assertThat(unfiltered.items().get(0).itemId()).isIn(a(3), a(4), a(5));

        // Item-item: RP3beta neighbours, the item's own group first.
        SimilarItems similar = given().queryParam("limit", 5).get("/items/{id}/similar", a(0)).then()
                .statusCode(200).extract().as(SimilarItems.class);
        assertThat(similar.model()).isEqualTo("rp3beta@" + job.modelVersion());
        assertThat(similar.items()).extracting(ScoredItem::itemId).containsExactlyInAnyOrder(a(1), a(2), a(3), a(4),
                a(5));

        // A session of two group-A items: the rest of group A, explained by the session's items.
        Recommendations session = given().contentType(ContentType.JSON)
                .body(Map.of("items", List.of(a(0), a(1)), "kind", kindA)).post("/recommendations").then()
                .statusCode(200).extract().as(Recommendations.class);
        assertThat(session.userId()).isNull();
        assertThat(session.model()).isEqualTo("rp3beta@" + job.modelVersion());
        assertThat(session.items()).extracting(ScoredItem::itemId).containsExactlyInAnyOrder(a(2), a(3), a(4),
                a(5));
        assertThat(session.items()).allSatisfy(item -> assertThat(item.because()).isSubsetOf(a(0), a(1)));

        // The saved file, loaded again (as at start-up), serves exactly the same answers.
        ServingSnapshot loaded = store.load(job.modelVersion());
        serving.swap(loaded);
        assertThat(serving.current()).containsSame(loaded);
        assertThat(forUser(me, kindA, 10)).isEqualTo(mine);
        assertThat(forUser(me, null, 10)).isEqualTo(unfiltered);
        assertThat(given().queryParam("limit", 5).get("/items/{id}/similar", a(0)).then().statusCode(200).extract()
                .as(SimilarItems.class)).isEqualTo(similar);
    }

    @Test
    void theMetricsShowTheServedVersionOnlyAndTimeEveryAnswerInAHistogram() {
        double answered = userAnswersTimed();
        TrainingJob job = Training.trainNow();
        forUser(me, kindA, 10);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(line -> line.startsWith("backpack_recommender_model_serving{")))
                .containsExactly("backpack_recommender_model_serving{version=\"" + job.modelVersion() + "\"} 1.0");
        assertThat(userAnswersTimed()).isEqualTo(answered + 1);
        assertThat(metrics.lines().filter(line -> line.startsWith("backpack_recommender_recommendation_duration_seconds"
                + "_bucket{") && line.contains("endpoint=\"user\"")).count()).as("histogram buckets")
                .isGreaterThan(10);
    }

    /** The count of timed user-recommendation answers at /q/metrics (0 before the first); exemplars after it. */
    private static double userAnswersTimed() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("backpack_recommender_recommendation_duration_seconds_count{")
                        && line.contains("endpoint=\"user\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf("} ") + 2).split(" ")[0])).sum();
    }

    @Test
    void whatHappensAfterTheTrainingReachesRecommendationsAtOnce() {
        TrainingJob job = Training.trainNow();
        String late = "late-" + run;
        try (Events events = new Events(bootstrap)) {
            // A new user since the training: their vector folded in from what they did since (docs/adr/0025),
            // explained by the RP3beta links of what they did.
            events.interaction(late, ActivityType.LIKE, a(0));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Recommendations theirs = forUser(late, kindA, 10);
                assertThat(theirs.model()).isEqualTo("ials-fold-in@" + job.modelVersion());
                assertThat(theirs.items()).extracting(ScoredItem::itemId).doesNotContain(a(0)).contains(a(1));
                assertThat(theirs.items().get(0).because()).containsExactly(a(0));
            });

            // My backpack: an item in it is never recommended; taken out, it may come back.
            assertThat(forUser(me, kindA, 10).items()).extracting(ScoredItem::itemId).contains(a(3));
            events.interaction(me, ActivityType.ADD, a(3));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(forUser(me, kindA, 10).items())
                    .extracting(ScoredItem::itemId).containsExactlyInAnyOrder(a(4), a(5)));
            events.interaction(me, ActivityType.REMOVE, a(3));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(forUser(me, kindA, 10).items())
                    .extracting(ScoredItem::itemId).contains(a(3)));
        }
    }

    @Test
    void modelsSwapUnderConcurrentRequestsWithoutAFailedRequest() throws Exception {
        Training.trainNow();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        Set<String> models = ConcurrentHashMap.newKeySet();
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String path = t % 2 == 0 ? "/users/" + me + "/recommendations" : "/items/" + a(0) + "/similar";
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    try {
                        var response = given().queryParam("kind", kindA).get(path);
                        if (response.statusCode() != 200 || response.jsonPath().getList("items").isEmpty()) {
                            failures.incrementAndGet();
                            failed.add(response.statusCode() + " " + response.asString());
                        } else {
                            models.add(response.jsonPath().getString("model").replaceAll("^[a-z0-9]+@", ""));
                        }
                        served.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        failed.add(e.toString());
                    }
                }
            }));
        }
        List<String> versions = new ArrayList<>();
        versions.add(serving.current().orElseThrow().version());
        for (int swap = 0; swap < 3; swap++) {
            int before = served.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> served.get() >= before + 20);
            TrainingJob job = Training.trainNow();
            assertThat(job.state()).isEqualTo(TrainingState.SUCCEEDED);
            versions.add(job.modelVersion());
        }
        int before = served.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> served.get() >= before + 20);
        stop.set(true);
        for (Future<?> client : running) {
            client.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(failed).isEmpty();
        assertThat(failures.get()).isZero();
        assertThat(served.get()).isGreaterThan(80);
        assertThat(versions).doesNotHaveDuplicates();
        // Every model served in turn: the first before the swaps, the last after them.
        assertThat(models).contains(versions.get(0), versions.get(3));
    }

    @Test
    void aFailedTrainingLeavesTheServedModelAsItWas() {
        Training.trainNow();
        ServingSnapshot served = serving.current().orElseThrow();
        Recommendations before = forUser(me, kindA, 10);
        List<String> files = store.versions();
        QuarkusMock.installMockForType(new ModelTrainer(config) {
            @Override
            public ServingSnapshot train(InteractionMatrix interactions, String version, Instant readAt) {
                throw new IllegalStateException("injected failure after reading " + interactions.nonZeroCount()
                        + " pairs");
            }
        }, ModelTrainer.class);

        TrainingJob failed = Training.trainNow();

        assertThat(failed.state()).isEqualTo(TrainingState.FAILED);
        assertThat(failed.error()).contains("injected failure");
        assertThat(failed.modelVersion()).isNull();
        assertThat(serving.current()).containsSame(served);
        assertThat(store.versions()).isEqualTo(files);
        assertThat(forUser(me, kindA, 10)).isEqualTo(before);
    }

    @Test
    void aRequestWhileATrainingRunsGetsThatTrainingInsteadOfASecondOne() throws Exception {
        Training.awaitIdle();
        Training.Held held = Training.holdTrainings(config);

        TrainingJob first = Training.start();
        assertThat(held.awaitRead()).isTrue();
        TrainingJob second = Training.start();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.state()).isEqualTo(TrainingState.RUNNING);
        assertThat(Training.job(first.id()).state()).isEqualTo(TrainingState.RUNNING);
        held.release();
        assertThat(Training.awaitDone(first.id()).state()).isEqualTo(TrainingState.SUCCEEDED);
        given().get("/admin/training/jobs/{id}", "no-such-job").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
