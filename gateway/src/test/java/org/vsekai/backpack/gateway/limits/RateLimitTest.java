package org.vsekai.backpack.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakeRecommender;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.TestClock;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;

/**
 * Rate limits through HTTP, on a stopped clock so no token comes back while a test drains a bucket (%test: read
 * buckets hold 50, anonymous ones 40).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class RateLimitTest {

    @Inject
    CircuitBreakerMaintenance circuits;

    /** Another class's deliberate failures may have opened a circuit (%test keeps it open for a minute). */
    @BeforeEach
    void closeTheCircuits() {
        circuits.resetAll();
    }

    static final int READ_CAPACITY = 50;
    static final int ANONYMOUS_CAPACITY = 40;

    @Inject
    TestClock clock;

    @FakeRecommenderResource.InjectFakeRecommender
    FakeRecommender recommender;

    private Instant stoppedAt;

    @BeforeEach
    void stopTheClock() {
        stoppedAt = Instant.now();
        clock.set(stoppedAt);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aUserOverTheirReadBurstGets429WithRetryAfterThenIsServedAgain() {
        String user = "user-" + UUID.randomUUID();
        String token = TestTokens.user(user);
        for (int i = 0; i < READ_CAPACITY; i++) {
            read(token, user).then().statusCode(200);
        }

        read(token, user).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "1") // %test read buckets refill 20 per second
                .body("type", equalTo("https://backpack.v-sekai.org/problems/rate-limited"))
                .body("status", equalTo(429));

        // Another user is not affected.
        String other = "user-" + UUID.randomUUID();
        read(TestTokens.user(other), other).then().statusCode(200);

        clock.set(stoppedAt.plusSeconds(1));
        read(token, user).then().statusCode(200);
    }

    @Test
    void anonymousCallsAreLimitedPerAddress() {
        recommenderAnswersSessions();
        int served = 0;
        int status;
        do {
            status = session().then().extract().statusCode();
            served += status == 200 ? 1 : 0;
        } while (status == 200 && served <= ANONYMOUS_CAPACITY);

        // Earlier anonymous calls of this run may have taken some of the burst; never more than the capacity.
        assertThat(served).isBetween(1, ANONYMOUS_CAPACITY);
        session().then().statusCode(429).header("Retry-After", "1");

        // A token gets its own bucket, whatever the address.
        given().header("Authorization", TestTokens.bearer(TestTokens.user("user-" + UUID.randomUUID())))
                .contentType("application/json").body("{\"items\":[\"item-1\"]}")
                .when().post("/api/v1/recommendations").then().statusCode(200);
    }

    private void recommenderAnswersSessions() {
        recommender.answer("POST", "/recommendations", 200, "application/json", "{\"model\":\"fake@1\",\"items\":[]}");
    }

    private static io.restassured.response.Response session() {
        return given().contentType("application/json").body("{\"items\":[\"item-1\"]}")
                .when().post("/api/v1/recommendations");
    }

    private static io.restassured.response.Response read(String token, String user) {
        return given().header("Authorization", TestTokens.bearer(token))
                .when().get("/api/v1/users/{id}/recommendations", user);
    }
}
