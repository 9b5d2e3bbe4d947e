package org.vsekai.backpack.gateway.interaction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.interaction.ActivityType;
import org.vsekai.backpack.gateway.testing.ActivityJson;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.InteractionsTopic;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class InteractionBatchTest {

    /** These tests are about other things than access: an admin may do all of it. */
    @BeforeEach
    void authenticateAsAdmin() {
        TestTokens.sendWithEveryRequest(TestTokens.admin("test-admin"));
    }

    @AfterEach
    void forgetTheToken() {
        TestTokens.sendNoToken();
    }

    static final String BATCH_PATH = "/api/v1/interactions:batch";

    @Test
    void publishesEveryActivityOfAValidBatchKeyedByUserInOrder() {
        String alice = ActivityJson.uniqueUser();
        String bob = ActivityJson.uniqueUser();
        String first = "urn:test:" + UUID.randomUUID();
        String second = "urn:test:" + UUID.randomUUID();
        List<ActivityJson> batch = List.of(
                ActivityJson.like(alice, "item-1").with("id", first),
                ActivityJson.like(bob, "item-2").with("type", "Visit"),
                ActivityJson.like(alice, "item-3").with("id", second).with("type", "Remove"));

        List<String> ids = postBatch(batch)
                .statusCode(202)
                .contentType("application/json")
                .body("accepted", hasSize(3))
                .body("accepted[0].id", equalTo(first))
                .body("accepted[2].id", equalTo(second))
                .extract().path("accepted.id");

        try (InteractionsTopic topic = new InteractionsTopic()) {
            ConsumerRecord<String, byte[]> firstRecord = topic.awaitActivity(first);
            ConsumerRecord<String, byte[]> bobRecord = topic.awaitActivity(ids.get(1));
            ConsumerRecord<String, byte[]> secondRecord = topic.awaitActivity(second);
            assertThat(firstRecord.key()).isEqualTo(alice);
            assertThat(secondRecord.key()).isEqualTo(alice);
            assertThat(bobRecord.key()).isEqualTo(bob);
            assertThat(topic.event(bobRecord).type()).isEqualTo(ActivityType.VISIT);
            // One user, one partition, request order.
            assertThat(secondRecord.partition()).isEqualTo(firstRecord.partition());
            assertThat(secondRecord.offset()).isGreaterThan(firstRecord.offset());
        }
    }

    @Test
    void publishesNothingOfABatchWithAnInvalidActivity() {
        String user = ActivityJson.uniqueUser();
        String marker = "urn:test:marker-" + UUID.randomUUID();
        List<ActivityJson> batch = List.of(
                ActivityJson.like(user, "item-1").with("id", marker),
                ActivityJson.like(user, "item-2"),
                ActivityJson.like(user, "item-3").with("actor", ""),
                ActivityJson.like(user, "item-4").without("published").with("type", "Follow"));

        postBatch(batch)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("[2].actor", "[3].type", "[3].published"));

        // The same user's records share a partition, so a published marker would come before this one.
        String after = "urn:test:after-" + UUID.randomUUID();
        given().contentType("application/ld+json").body(ActivityJson.like(user, "item-5").with("id", after).bytes())
                .when().post(InteractionResourceTest.PATH).then().statusCode(202);
        try (InteractionsTopic topic = new InteractionsTopic()) {
            List<String> published = topic.awaitFirstOfUser(user).stream().map(topic::activityIdOf).toList();
            assertThat(published).containsExactly(after);
        }
    }

    @Test
    void refusesABodyThatIsNotAnArrayOfObjects() {
        batchRequest().contentType("application/json").body(ActivityJson.like("a", "b").bytes())
                .when().post(BATCH_PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("A batch must be a JSON array of activities"));
        batchRequest().contentType("application/json").body("[]".getBytes())
                .when().post(BATCH_PATH)
                .then().statusCode(400).contentType("application/problem+json");
        batchRequest().contentType("application/json").body(("[" + new String(ActivityJson.like("a", "b").bytes()) + ", 7]")
                        .getBytes())
                .when().post(BATCH_PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("[1]"));
        batchRequest().contentType("application/json").body("[{\"type\": ".getBytes())
                .when().post(BATCH_PATH)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void acceptsTheLargestBatchAndRefusesOneMore() {
        String user = ActivityJson.uniqueUser();
        List<ActivityJson> largest = new ArrayList<>(IntStream.range(0, 500)
                .mapToObj(i -> ActivityJson.like(user, "item-" + i)).toList());
        postBatch(largest).statusCode(202).body("accepted", hasSize(500));

        largest.add(ActivityJson.like(user, "item-500"));
        postBatch(largest)
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/batch-too-large"));
    }

    @Test
    void refusesABatchBodyOverTheLimit() {
        ActivityJson huge = ActivityJson.like(ActivityJson.uniqueUser(), "item-1").with("padding", "p".repeat(1 << 20));
        postBatch(List.of(huge))
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/body-too-large"))
                .body("instance", equalTo(BATCH_PATH));
    }

    @Test
    void matchesTheColonOfTheBatchPathLiterally() {
        byte[] batch = ActivityJson.batch(List.of(ActivityJson.like("a", "b")));
        for (String near : List.of("/api/v1/interactionsXbatch", "/api/v1/interactions:other",
                "/api/v1/interactions/batch")) {
            given().urlEncodingEnabled(false).contentType("application/json").body(batch)
                    .when().post(near)
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    /** The batch path's colon is literal; RestAssured would otherwise send it as %3A, a different path. */
    private static RequestSpecification batchRequest() {
        return given().urlEncodingEnabled(false);
    }

    private static ValidatableResponse postBatch(List<ActivityJson> batch) {
        return batchRequest().contentType("application/ld+json").body(ActivityJson.batch(batch))
                .when().post(BATCH_PATH).then();
    }
}
