package org.vsekai.backpack.recommender.recommendation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.Identifiers;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.recommender.Events;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The endpoints on the live path (items no model knows: each test's item names are its own), with the real broker
 * and database. The trained-model path is {@code training.TrainingTest}.
 */
@QuarkusTest
class RecommendationResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aColdUserGetsTheMostPopularItemsTheyHaveNotTouched() {
        String run = run();
        String top = "zz-" + run + "-top", second = "zz-" + run + "-second", seen = "zz-" + run + "-seen";
        String me = "me-" + run;
        try (Events events = new Events(bootstrap)) {
            // seen: 5 users (most popular, but I touched it); top: 4 users; second: 2 users and a spammer.
            for (int u = 0; u < 5; u++) {
                String user = "u" + u + "-" + run;
                events.interaction(user, ActivityType.VIEW, seen);
                if (u < 4) {
                    events.interaction(user, ActivityType.VIEW, top);
                }
                if (u < 2) {
                    events.interaction(user, ActivityType.VIEW, second);
                }
            }
            // One user repeating an activity counts once: otherwise second (7) would outrank top (4).
            for (int i = 0; i < 5; i++) {
                events.interaction("spammer-" + run, ActivityType.VIEW, second);
            }
            events.interaction(me, ActivityType.LIKE, seen);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath body = given().queryParam("limit", 100).get("/users/{id}/recommendations", me)
                    .then().statusCode(200)
                    .body("userId", equalTo(me))
                    .body("model", equalTo("popularity@live"))
                    .body("items.findAll { it.itemId.startsWith('zz-" + run + "') }.itemId", contains(top, second))
                    .body("items.itemId", not(hasItem(seen)))
                    .extract().jsonPath();
            // Same type, same moment: scores in the ratio of distinct users, 4 to 3 (decay over seconds is nil).
            float topScore = body.getFloat("items.find { it.itemId == '" + top + "' }.score");
            float secondScore = body.getFloat("items.find { it.itemId == '" + second + "' }.score");
            assertThat(topScore / secondScore).isCloseTo(4f / 3f, org.assertj.core.data.Offset.offset(1e-3f));
        });
    }

    @Test
    void anItemInTheBackpackIsNeverRecommendedAndOnceTakenOutItMayComeBack() {
        String run = run();
        String kind = "k" + run;
        String item = "bp-" + run + "-item", other = "bp-" + run + "-other", me = "me-" + run;
        try (Events events = new Events(bootstrap)) {
            events.attributes(item, kind, Instant.now());
            events.attributes(other, kind, Instant.now());
            events.interaction("fan-" + run, ActivityType.LIKE, item);
            events.interaction("fan-" + run, ActivityType.VIEW, other);
            events.interaction(me, ActivityType.VIEW, "bp-" + run + "-elsewhere");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(items(me, kind))
                    .containsExactly(item, other));

            events.interaction(me, ActivityType.ADD, item);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(items(me, kind))
                    .containsExactly(other));

            events.interaction(me, ActivityType.REMOVE, item);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(items(me, kind))
                    .contains(item));
        }
    }

    @Test
    void theKindFilterKeepsOnlyItemsOfThatKindAndTheLatestAttributesWin() {
        String run = run();
        String avatar = "kind-" + run + "-avatar", map = "kind-" + run + "-map";
        String avatars = "a" + run, maps = "m" + run;
        try (Events events = new Events(bootstrap)) {
            Instant now = Instant.now();
            events.attributes(avatar, avatars, now);
            events.attributes(map, maps, now);
            // Older attributes arriving later must not win.
            events.attributes(avatar, maps, now.minusSeconds(60));
            events.interaction("fan-" + run, ActivityType.LIKE, avatar);
            events.interaction("fan-" + run, ActivityType.LIKE, map);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(items("anyone-" + run, avatars)).containsExactly(avatar);
            assertThat(items("anyone-" + run, maps)).containsExactly(map);
        });
        given().contentType(ContentType.JSON).body(Map.of("items", List.of(avatar), "kind", maps))
                .post("/recommendations").then().statusCode(200)
                .body("userId", nullValue())
                .body("items.itemId", contains(map));
    }

    @Test
    void aSessionOfUnknownItemsGetsPopularItemsOtherThanItsOwn() {
        String run = run();
        String a = "s-" + run + "-a", b = "s-" + run + "-b";
        try (Events events = new Events(bootstrap)) {
            events.interaction("fan-" + run, ActivityType.LIKE, a);
            events.interaction("fan-" + run, ActivityType.VIEW, b);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().contentType(ContentType.JSON)
                .body(Map.of("items", List.of(a, "never-seen-" + run), "limit", 100))
                .post("/recommendations").then().statusCode(200)
                .body("model", equalTo("popularity@live"))
                .body("userId", nullValue())
                .body("items.itemId", hasItem(b))
                .body("items.itemId", not(hasItem(a))));
    }

    @Test
    void similarItemsOfAnUnknownItemIsANotFoundProblem() {
        given().get("/items/{id}/similar", "never-seen-" + run()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("https://backpack.v-sekai.org/problems/item-not-found"));
    }

    @Test
    void similarItemsOfAnItemNoModelKnowsYetArePopularItems() {
        String run = run();
        String item = "new-" + run, popular = "new-" + run + "-popular";
        try (Events events = new Events(bootstrap)) {
            events.interaction("u-" + run, ActivityType.VIEW, item);
            events.interaction("u-" + run, ActivityType.LIKE, popular);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("limit", 100)
                .get("/items/{id}/similar", item).then().statusCode(200)
                .body("itemId", equalTo(item))
                .body("model", equalTo("popularity@live"))
                .body("items.itemId", hasItem(popular))
                .body("items.itemId", not(hasItem(item))));
    }

    @Test
    void limitsTheListAndRefusesLimitsOrKindsOutOfRange() {
        given().queryParam("limit", 1).get("/users/{id}/recommendations", "anyone")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(1));
        for (Object bad : List.of(0, 101, -3)) {
            given().queryParam("limit", bad).get("/users/{id}/recommendations", "anyone")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors.field", hasItem("limit"));
            given().queryParam("limit", bad).get("/items/{id}/similar", "anything")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("limit"));
            given().contentType(ContentType.JSON).body(Map.of("items", List.of("x"), "limit", bad))
                    .post("/recommendations").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("limit"));
        }
        given().queryParam("limit", "ten").get("/users/{id}/recommendations", "anyone")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("limit"));
        given().queryParam("kind", "Not A Kind!").get("/users/{id}/recommendations", "anyone")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("kind"));
        given().contentType(ContentType.JSON).body(Map.of("items", List.of(" "), "kind", "BAD KIND"))
                .post("/recommendations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("items[0]", "kind"));
    }

    @Test
    void idsFollowTheSuitesOneRule() {
        String longest = "i".repeat(Identifiers.MAX_LENGTH);
        String tooLong = longest + "i";
        given().get("/users/{id}/recommendations", longest).then().statusCode(200);
        for (String bad : List.of(tooLong, " ", "a\u0007b")) {
            given().get("/users/{id}/recommendations", bad).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains("userId"));
            given().get("/items/{id}/similar", bad).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains("itemId"));
            given().header(ForwardedIdentity.USER_HEADER, "an-admin")
                    .header(ForwardedIdentity.ROLES_HEADER, ForwardedIdentity.ROLE_ADMIN)
                    .get("/users/{id}/backpack", bad).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains("userId"));
            given().get("/admin/training/jobs/{id}", bad).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains("id"));
        }
        given().contentType(ContentType.JSON).body(Map.of("items", List.of("fine", "a\u0000b", tooLong), "limit", 0))
                .post("/recommendations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("limit", "items[1]", "items[2]"));
    }

    private static List<String> items(String user, String kind) {
        return given().queryParam("limit", 100).queryParam("kind", kind).get("/users/{id}/recommendations", user)
                .then().statusCode(200).extract().jsonPath().getList("items.itemId", String.class);
    }
}
