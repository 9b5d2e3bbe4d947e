package org.vsekai.backpack.metadata.item;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.PostgresResource;
import org.vsekai.backpack.testkit.TopicProbe;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/** PUT and GET of item metadata, the attribute queries and the item-attributes record, on the real database and broker. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true,
        initArgs = @ResourceArg(name = PostgresResource.DATABASE_ARG, value = "backpack_metadata"))
class ItemMetadataResourceTest {

    private static final String LD_JSON = "application/ld+json";
    private static final String PROBLEM = "application/problem+json";
    private static final String BACKPACK = "https://backpack.v-sekai.org/contexts/backpack.jsonld";
    private static final String OWNER = "user-" + UUID.randomUUID();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Test
    void putThenGetKeepsEveryVersionAndServesTheLatestCompacted() {
        String item = newItemId();

        put(item, avatar(item, "Ada v1", "urn:backpack:user:ada", "robot"))
                .statusCode(201)
                .header("Location", containsString("/items/" + item + "/metadata"))
                .header("ETag", equalTo("\"1\""))
                .body("itemId", equalTo(item))
                .body("version", equalTo(1))
                .body("versionAt", notNullValue())
                .body("attributes.kind", equalTo("avatar"))
                .body("attributes.name", equalTo("Ada v1"))
                .body("attributes.keySet()", equalTo(Set.of("kind", "name", "keywords", "categories",
                        "creator", "license", "description")));
        put(item, avatar(item, "Ada v2", "urn:backpack:user:ada", "android"))
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("version", equalTo(2))
                .body("attributes.name", equalTo("Ada v2"))
                .body("attributes.keywords", equalTo(List.of("android", "blue")));

        given().accept(LD_JSON).get("/items/{id}/metadata", item)
                .then().statusCode(200)
                .contentType(LD_JSON)
                .header("ETag", equalTo("\"2\""))
                .header("Last-Modified", notNullValue())
                .body("'@context'", equalTo(BACKPACK))
                .body("id", equalTo("urn:backpack:item:" + item))
                .body("type", equalTo("Avatar"))
                .body("name", equalTo("Ada v2"))
                .body("creator", equalTo("urn:backpack:user:ada"));
    }

    @Test
    void aPutWithoutAForwardedUserIsA401AndStoresNothing() {
        String item = newItemId();

        putAs(null, null, item, avatar(item, "Anon", "urn:backpack:user:anon", "ghost"))
                .statusCode(401)
                .contentType(PROBLEM)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/unauthenticated"))
                .body("detail", containsString(ForwardedIdentity.USER_HEADER));
        putAs(" ", "admin", item, avatar(item, "Anon", "urn:backpack:user:anon", "ghost")).statusCode(401);
        given().get("/items/{id}/metadata", item).then().statusCode(404);
    }

    @Test
    void theFirstPutMakesItsCallerTheOwnerAndOnlyTheOwnerOrAnAdminPutsAgain() {
        String item = newItemId();
        String owner = "user-" + UUID.randomUUID();
        String stranger = "user-" + UUID.randomUUID();

        putAs(owner, "user", item, avatar(item, "Mine", "urn:backpack:user:x", "one"))
                .statusCode(201)
                .header(ItemResource.OWNER_HEADER, equalTo(owner))
                .body("ownerId", equalTo(owner));
        putAs(stranger, "user", item, avatar(item, "Stolen", "urn:backpack:user:x", "two"))
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/not-item-owner"))
                .body("instance", equalTo("/items/" + item + "/metadata"));
        // Refused before any JSON-LD work: even a body that is not JSON-LD gets the 403.
        putAs(stranger, "user", item, "[1, 2]").statusCode(403);
        given().get("/items/{id}/metadata", item)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .header(ItemResource.OWNER_HEADER, equalTo(owner))
                .body("name", equalTo("Mine"))
                .body("ownerId", nullValue());

        putAs(owner, "user", item, avatar(item, "Mine again", "urn:backpack:user:x", "three"))
                .statusCode(200).body("version", equalTo(2));
        putAs(stranger, "user,admin", item, avatar(item, "Moderated", "urn:backpack:user:x", "four"))
                .statusCode(200)
                .body("version", equalTo(3))
                .body("ownerId", equalTo(owner))
                .header(ItemResource.OWNER_HEADER, equalTo(owner));
        given().get("/items/{id}/metadata", item)
                .then().statusCode(200)
                .header(ItemResource.OWNER_HEADER, equalTo(owner))
                .body("name", equalTo("Moderated"));
    }

    @Test
    void concurrentPutsOfOneItemGetDistinctVersions() throws Exception {
        String item = newItemId();
        List<CompletableFuture<Integer>> puts = IntStream.rangeClosed(1, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> put(item,
                        avatar(item, "Ed " + i, "urn:backpack:user:ed", "k" + i))
                        .statusCode(anyOf(equalTo(200), equalTo(201)))
                        .extract().<Integer>path("version")))
                .toList();

        List<Integer> versions = new ArrayList<>();
        for (CompletableFuture<Integer> put : puts) {
            versions.add(put.get(60, TimeUnit.SECONDS));
        }

        assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        given().get("/items/{id}/metadata", item).then().statusCode(200).header("ETag", equalTo("\"6\""));
    }

    @Test
    void getCompactsToAnotherBundledContextWhenAsked() {
        String item = newItemId();
        put(item, avatar(item, "Bo", "urn:backpack:user:bo", "cat")).statusCode(201);

        given().queryParam("context", "https://schema.org/")
                .get("/items/{id}/metadata", item)
                .then().statusCode(200)
                .body("'@context'", equalTo("https://schema.org/"))
                .body("name", equalTo("Bo"))
                .body("creator", equalTo("urn:backpack:user:bo"))
                .body("'bp:category'", nullValue())
                .body("type", equalTo("https://backpack.v-sekai.org/ns#Avatar"));
        // ActivityStreams has no term for schema:name: the property stays a full IRI there.
        given().queryParam("context", "https://www.w3.org/ns/activitystreams")
                .get("/items/{id}/metadata", item)
                .then().statusCode(200)
                .body("'@context'", equalTo("https://www.w3.org/ns/activitystreams"))
                .body("'http://schema.org/name'", equalTo("Bo"));
    }

    @Test
    void aContextThatIsNotBundledIsA422NamingIt() {
        String item = newItemId();
        put(item, avatar(item, "Cy", "urn:backpack:user:cy", "owl")).statusCode(201);

        given().queryParam("context", "https://evil.example/context.jsonld")
                .get("/items/{id}/metadata", item)
                .then().statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/unknown-context"))
                .body("detail", containsString("https://evil.example/context.jsonld"));
    }

    @Test
    void anItemWithoutMetadataIsA404Problem() {
        String item = newItemId();

        given().get("/items/{id}/metadata", item)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/item-metadata-not-found"))
                .body("instance", equalTo("/items/" + item + "/metadata"));
    }

    @Test
    void itemsAreFoundByKeywordAndByKindAndCreatorFromTheirCurrentVersionOnly() {
        String tag = "kw-" + UUID.randomUUID();
        String creator = "urn:backpack:user:" + UUID.randomUUID();
        String avatar = newItemId();
        String prop = newItemId();
        String renamed = newItemId();
        put(avatar, avatar(avatar, "A", creator, tag)).statusCode(201);
        put(prop, prop("P", creator, tag)).statusCode(201);
        put(renamed, avatar(renamed, "R", creator, tag)).statusCode(201);
        put(renamed, avatar(renamed, "R", "urn:backpack:user:someone-else", "other")).statusCode(200);

        given().queryParam("keyword", tag.toUpperCase()).get("/items")
                .then().statusCode(200)
                .body("items", equalTo(sorted(avatar, prop)));
        given().queryParam("kind", "avatar").queryParam("creator", creator).get("/items")
                .then().statusCode(200)
                .body("items", equalTo(List.of(avatar)));
        given().queryParam("kind", "prop").queryParam("creator", creator).get("/items")
                .then().statusCode(200)
                .body("items", equalTo(List.of(prop)));
        given().queryParam("kind", "map").queryParam("creator", creator).get("/items")
                .then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void aQueryWithoutAFilterOrWithABadLimitIsA400() {
        given().get("/items").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("keyword", "x").queryParam("limit", 0).get("/items")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void everyVersionPublishesItsAttributesKeyedByItem() {
        String item = newItemId();
        put(item, avatar(item, "Dee", "urn:backpack:user:dee", "robot")).statusCode(201);
        put(item, avatar(item, "Dee", "urn:backpack:user:dee", "android")).statusCode(200);

        try (TopicProbe probe = new TopicProbe(bootstrapServers)) {
            // The outbox relay sends them after the commits; wait until both are there.
            List<ConsumerRecord<String, byte[]>> records = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> probe.await(Topics.ITEM_ATTRIBUTES_NAME, record -> item.equals(record.key()),
                            Duration.ofSeconds(30)), found -> found.size() >= 2);
            assertThat(records).hasSize(2);
            ItemAttributes latest = EventJson.read(records.get(1).value(), Topics.ITEM_ATTRIBUTES);
            assertThat(latest.itemId()).isEqualTo(item);
            assertThat(latest.kind()).isEqualTo("avatar");
            assertThat(latest.name()).isEqualTo("Dee");
            assertThat(latest.keywords()).containsExactly("android", "blue");
            assertThat(latest.categories()).containsExactly("characters");
            assertThat(latest.creator()).isEqualTo("urn:backpack:user:dee");
            assertThat(latest.license()).isEqualTo("https://creativecommons.org/licenses/by/4.0/");
            assertThat(latest.detectedClasses()).isEmpty();
            assertThat(latest.eventId()).isNotEqualTo(
                    EventJson.read(records.get(0).value(), Topics.ITEM_ATTRIBUTES).eventId());
        }
    }

    @Test
    void contextsThatClashAreA422NamingTheTermAndBothIris() {
        String item = newItemId();

        put(item, """
                {"@context": ["%s", {"name": "http://xmlns.com/foaf/0.1/name"}], "type": "Prop", "name": "x"}"""
                .formatted(BACKPACK))
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/jsonld/protected-term-redefinition"))
                .body("detail", allOf(containsString("\"name\""), containsString("http://schema.org/name"),
                        containsString("http://xmlns.com/foaf/0.1/name")));
        put(item, """
                {"@context": ["https://www.w3.org/ns/activitystreams", {"name": "http://schema.org/name"}],
                 "name": "x"}""")
                .statusCode(422)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/jsonld/term-collision"))
                .body("detail", allOf(containsString("https://www.w3.org/ns/activitystreams#name"),
                        containsString("http://schema.org/name")));
        given().get("/items/{id}/metadata", item).then().statusCode(404);

        put(item, """
                {"@context": ["%s", {"name": "http://schema.org/name"}], "type": "Prop", "name": "same"}"""
                .formatted(BACKPACK))
                .statusCode(201)
                .body("attributes.name", equalTo("same"));
    }

    @Test
    void aClashInAContextBelowTheTopLevelIsA422Too() {
        String item = newItemId();

        put(item, """
                {"@context": ["%s", {"ex": "http://example.org/"}], "type": "Scene", "name": "Lobby",
                 "ex:part": {"@context": {"name": "http://xmlns.com/foaf/0.1/name"}, "name": "Chair"}}"""
                .formatted(BACKPACK))
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/jsonld/protected-term-redefinition"))
                .body("detail", allOf(containsString("http://xmlns.com/foaf/0.1/name"),
                        containsString("embedded at /ex:part")));
        given().get("/items/{id}/metadata", item).then().statusCode(404);
    }

    @Test
    void theJsonLdLimitsApplyToPutBodies() {
        String item = newItemId();
        String deep = "{\"@context\": {\"ex\": \"http://example.org/\"}, \"ex:a\": " + "[".repeat(100) + "1"
                + "]".repeat(100) + "}";
        put(item, deep)
                .statusCode(413)
                .contentType(PROBLEM)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/jsonld-limit/nesting-depth"));
        put(item, "{\"name\": \"" + "x".repeat(1_100_000) + "\"}")
                .statusCode(413)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/jsonld-limit/document-size"));
        put(item, "{\"@context\": \"https://evil.example/context.jsonld\", \"name\": \"x\"}")
                .statusCode(422)
                .body("type", equalTo("https://backpack.v-sekai.org/problems/jsonld/loading-remote-context-failed"))
                .body("detail", containsString("https://evil.example/context.jsonld"));
        put(item, "[1, 2]").statusCode(400).contentType(PROBLEM);
        given().get("/items/{id}/metadata", item).then().statusCode(404);
    }

    /**
     * A trigger raises a serialization failure (SQLSTATE 40001, what CockroachDB raises when a transaction loses a
     * conflict) for this item's first two version rows: the PUT's transaction runs again and the caller sees one
     * clean first version, not an error, and not the version numbers the rolled-back attempts took. The count lives
     * in a sequence, which a rollback does not undo. PL/pgSQL is fine here: test set-up, not a migration.
     */
    @Test
    void aPutThatLosesSerializationConflictsRunsAgainUntilItCommits() {
        String item = newItemId();
        String suffix = item.replace("-", "");
        String sequence = "conflicts_" + suffix;
        String function = "conflict_" + suffix;
        int conflicts = 2;
        execute("CREATE SEQUENCE " + sequence);
        execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF nextval('" + sequence + "') <= " + conflicts + " THEN "
                + "RAISE EXCEPTION 'simulated conflict' USING ERRCODE = '40001'; END IF; RETURN NEW; END $$");
        execute("CREATE TRIGGER " + function + " BEFORE INSERT ON item_metadata_versions FOR EACH ROW "
                + "WHEN (NEW.item_id = '" + item + "') EXECUTE FUNCTION " + function + "()");
        try {
            put(item, avatar(item, "Contended", "urn:backpack:user:ada", "busy"))
                    .statusCode(201)
                    .body("version", equalTo(1))
                    .body("attributes.name", equalTo("Contended"));

            assertThat(pool.query("SELECT last_value FROM " + sequence).execute().await().atMost(Duration.ofSeconds(30))
                    .iterator().next().getLong(0)).isEqualTo(conflicts + 1L);
        } finally {
            execute("DROP TRIGGER IF EXISTS " + function + " ON item_metadata_versions");
            execute("DROP FUNCTION IF EXISTS " + function + "()");
            execute("DROP SEQUENCE IF EXISTS " + sequence);
        }
    }

    @Test
    void openApiDescribesTheItemEndpoints() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/items'.get", notNullValue())
                .body("paths.'/items/{id}/metadata'.put", notNullValue())
                .body("paths.'/items/{id}/metadata'.get.responses.'404'", notNullValue());
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(30));
    }

    /** A PUT as the gateway forwards it for the signed-in {@link #OWNER}. */
    private static ValidatableResponse put(String item, String body) {
        return putAs(OWNER, null, item, body);
    }

    private static ValidatableResponse putAs(String user, String roles, String item, String body) {
        var request = given().contentType(LD_JSON).body(body);
        if (user != null) {
            request.header(ForwardedIdentity.USER_HEADER, user);
        }
        if (roles != null) {
            request.header(ForwardedIdentity.ROLES_HEADER, roles);
        }
        return request.put("/items/{id}/metadata", item).then();
    }

    private static String avatar(String item, String name, String creator, String keyword) {
        return """
                {"@context": "%s", "id": "urn:backpack:item:%s", "type": "Avatar", "name": "%s", "creator": "%s",
                 "license": "https://creativecommons.org/licenses/by/4.0/", "keywords": ["%s", "Blue"],
                 "category": ["Characters"]}""".formatted(BACKPACK, item, name, creator, keyword);
    }

    private static String prop(String name, String creator, String keyword) {
        return """
                {"@context": "%s", "type": "Prop", "name": "%s", "creator": "%s", "keywords": ["%s"]}"""
                .formatted(BACKPACK, name, creator, keyword);
    }

    private static String newItemId() {
        return UUID.randomUUID().toString();
    }

    private static List<String> sorted(String... ids) {
        return Arrays.stream(ids).sorted().toList();
    }
}
