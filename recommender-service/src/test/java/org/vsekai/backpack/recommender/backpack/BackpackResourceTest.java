package org.vsekai.backpack.recommender.backpack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.recommender.Events;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class BackpackResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool database;

    @Test
    void addAndRemoveBuildTheBackpackAndKeepItsHistory() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String me = "owner-" + run, hat = "hat-" + run, map = "map-" + run, prop = "prop-" + run;
        try (Events events = new Events(bootstrap)) {
            events.attributes(hat, "avatar", Instant.now());
            events.interaction(me, ActivityType.ADD, hat);
            events.interaction(me, ActivityType.ADD, map);
            events.interaction(me, ActivityType.ADD, hat); // already in: no second entry
            events.interaction(me, ActivityType.VIEW, prop); // not a backpack change
            events.interaction(me, ActivityType.REMOVE, map);
            events.interaction(me, ActivityType.ADD, map); // back in: a new entry
            events.interaction(me, ActivityType.REMOVE, hat);
            events.interaction(me, ActivityType.ADD, hat);
            events.interaction(me, ActivityType.REMOVE, map);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> Events.rows(database, "interactions", "user_id", me) == 9);
        // The attributes travel on their own topic: their kind shows once they are consumed.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header(ForwardedIdentity.USER_HEADER, me)
                .get("/users/{id}/backpack", me)
                .then().statusCode(200)
                .body("userId", equalTo(me))
                .body("items.itemId", contains(hat))
                .body("items[0].kind", equalTo("avatar"))
                .body("items[0].addedAt", notNullValue()));

        List<Row> history = database.preparedQuery("""
                        SELECT item_id, removed_at IS NULL AS open FROM backpack_entries
                         WHERE user_id = $1 ORDER BY added_at, removed_at NULLS LAST""")
                .execute(Tuple.of(me)).await().indefinitely().stream().toList();
        assertThat(history).extracting(row -> row.getString(0) + (row.getBoolean(1) ? " open" : " closed"))
                .containsExactlyInAnyOrder(hat + " closed", hat + " open", map + " closed", map + " closed");
        assertThat(Events.rows(database, "users", "external_id", me)).isEqualTo(1);
        assertThat(Events.rows(database, "items", "external_id", hat)).isEqualTo(1);
    }

    @Test
    void aBackpackIsShownToItsOwnerOrAnAdminOnly() {
        given().get("/users/{id}/backpack", "someone").then().statusCode(401)
                .contentType("application/problem+json");
        given().header(ForwardedIdentity.USER_HEADER, "someone-else").get("/users/{id}/backpack", "someone")
                .then().statusCode(403).contentType("application/problem+json");
        given().header(ForwardedIdentity.USER_HEADER, "an-admin")
                .header(ForwardedIdentity.ROLES_HEADER, "user,admin")
                .get("/users/{id}/backpack", "someone").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }
}
