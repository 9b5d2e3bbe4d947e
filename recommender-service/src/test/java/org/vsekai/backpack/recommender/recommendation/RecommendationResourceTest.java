package org.vsekai.backpack.recommender.recommendation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.infra.testing.TopicProbe;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RecommendationResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void recommendsTheMostPopularItemsTheUserHasNotTouched() {
        // Item names are unique to this test so other tests' interactions cannot interleave in the ranking.
        String run = UUID.randomUUID().toString().substring(0, 8);
        String top = "zz-" + run + "-top", second = "zz-" + run + "-second", seen = "zz-" + run + "-seen";
        String me = "me-" + run;
        try (TopicProbe kafka = new TopicProbe(bootstrap)) {
            // seen: 5 users (most popular, but I touched it); top: 4 users; second: 2 users and a spammer.
            for (int u = 0; u < 5; u++) {
                String user = "u" + u + "-" + run;
                send(kafka, user, seen, ActivityType.VIEW);
                if (u < 4) {
                    send(kafka, user, top, ActivityType.LIKE);
                }
                if (u < 2) {
                    send(kafka, user, second, ActivityType.ADD);
                }
            }
            // One user repeating an activity counts once: otherwise second (7) would outrank top (4).
            for (int i = 0; i < 5; i++) {
                send(kafka, "spammer-" + run, second, ActivityType.VIEW);
            }
            send(kafka, me, seen, ActivityType.LIKE);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("limit", 100)
                .get("/users/{id}/recommendations", me)
                .then().statusCode(200)
                .body("userId", equalTo(me))
                .body("model", equalTo("popularity@live"))
                .body("items.findAll { it.itemId.startsWith('zz-" + run + "') }.itemId", contains(top, second))
                .body("items.findAll { it.itemId == '" + top + "' }.score", contains(4.0f))
                .body("items.findAll { it.itemId == '" + second + "' }.score", contains(3.0f))
                .body("items.itemId", not(hasItem(seen))));
    }

    @Test
    void limitsTheListAndRefusesLimitsOutOfRange() {
        given().queryParam("limit", 1).get("/users/{id}/recommendations", "anyone")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(1));
        for (Object bad : List.of(0, 101, -3)) {
            given().queryParam("limit", bad).get("/users/{id}/recommendations", "anyone")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors.field", hasItem("limit"));
        }
        given().queryParam("limit", "ten").get("/users/{id}/recommendations", "anyone")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static void send(TopicProbe kafka, String user, String item, ActivityType type) {
        Instant now = Instant.now();
        kafka.send("interactions", user, EventJson.write(InteractionEvent.of(UUID.randomUUID(),
                "urn:uuid:" + UUID.randomUUID(), type, user, item, now, now)));
    }
}
