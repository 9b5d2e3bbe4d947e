package org.vsekai.backpack.gateway.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.kafka.UserErasureDeserializer;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.testkit.TopicProbe;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** DELETE /api/v1/users/{id}: one acknowledged erasure event on user-erasures, keyed by the user. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class ErasureTest {

    @Test
    void aUserErasesThemselves() {
        String user = "user-" + UUID.randomUUID();
        String eventId = given().header("Authorization", TestTokens.bearer(TestTokens.user(user)))
                .when().delete("/api/v1/users/{id}", user)
                .then().statusCode(202).contentType("application/json")
                .body("userId", equalTo(user))
                .extract().path("eventId");

        UserErasure erasure = awaitErasureOf(user);
        assertThat(erasure.eventId()).hasToString(eventId);
        assertThat(erasure.userId()).isEqualTo(user);
        assertThat(erasure.requestedBy()).isEqualTo(user);
        assertThat(erasure.version()).isEqualTo(UserErasure.CURRENT_VERSION);
        assertThat(erasure.requestedAt()).isNotNull();
    }

    @Test
    void anAdminErasesAnyone() {
        String user = "user-" + UUID.randomUUID();
        String admin = "admin-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(TestTokens.admin(admin)))
                .when().delete("/api/v1/users/{id}", user)
                .then().statusCode(202);

        assertThat(awaitErasureOf(user).requestedBy()).isEqualTo(admin);
    }

    @Test
    void nobodyErasesWithoutAToken() {
        given().when().delete("/api/v1/users/{id}", "user-" + UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
    }

    private static UserErasure awaitErasureOf(String user) {
        try (TopicProbe probe = new TopicProbe(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            List<ConsumerRecord<String, byte[]>> records = probe.await(Topics.USER_ERASURES_NAME,
                    record -> user.equals(record.key()), Duration.ofSeconds(20));
            assertThat(records).as("erasure records keyed by %s", user).hasSize(1);
            return new UserErasureDeserializer().deserialize(Topics.USER_ERASURES_NAME, records.get(0).value());
        }
    }
}
