package org.vsekai.backpack.gateway.generation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.ForwardedIdentity;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakePeersResource.FakePeers;
import org.vsekai.backpack.gateway.testing.FakePeersResource.InjectFakePeers;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.StubPeer;
import org.vsekai.backpack.gateway.testing.TestClock;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * {@code POST /api/v1/generate} reaches the vision-service's {@code /generate} (a stand-in over HTTP) for admins only,
 * with the caller's identity and the body as sent; the event stream comes back byte for byte as
 * {@code text/event-stream}, the service's problems with their status; generation draws from its own rate class.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class GenerationRoutesTest {

    private static final String EVENTS = "event: answer\ndata: {\"text\":\"ab\"}\n\nevent: answer\n"
            + "data: {\"text\":\" c\"}\n\nevent: done\ndata: {\"finish\":\"eos\",\"answer\":\"ab c\"}\n\n";

    @Inject
    CircuitBreakerMaintenance circuits;

    @Inject
    TestClock clock;

    @InjectFakePeers
    FakePeers peers;

    private final String admin = "admin-" + UUID.randomUUID();
    /** A prompt of this test alone, so the stand-in's requests of this test are told apart. */
    private final String prompt = "prompt " + UUID.randomUUID();

    @BeforeEach
    void closeTheCircuits() {
        circuits.resetAll();
    }

    @AfterEach
    void realTime() {
        clock.reset();
        peers.vision().answer("POST", "/generate", new StubPeer.Answer(404, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}", Map.of()));
    }

    private String body() {
        return "{\"prompt\":\"" + prompt + "\",\"maxTokens\":3}";
    }

    private RequestSpecification asAdmin() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.admin(admin)));
    }

    private long received() {
        return peers.vision().receivedAt("/generate").stream().filter(r -> r.bodyText().contains(prompt)).count();
    }

    @Test
    void anAdminsGenerationStreamsBackAsTheServiceSentIt() {
        peers.vision().answer("POST", "/generate", 200, "text/event-stream", EVENTS);

        String relayed = asAdmin().contentType("application/json").body(body()).when().post("/api/v1/generate")
                .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();

        assertThat(relayed).isEqualTo(EVENTS);
        StubPeer.Received request = peers.vision().receivedAt("/generate").stream()
                .filter(r -> r.bodyText().contains(prompt)).findFirst().orElseThrow();
        assertThat(request.bodyText()).isEqualTo(body());
        assertThat(request.header(ForwardedIdentity.USER_HEADER)).isEqualTo(admin);
        assertThat(request.header(ForwardedIdentity.ROLES_HEADER)).contains("admin");
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        assertThat(request.header("traceparent")).isNotBlank();
    }

    @Test
    void theServicesProblemsComeBackWithTheirStatus() {
        peers.vision().answer("POST", "/generate", 503, "application/problem+json",
                "{\"type\":\"https://backpack.v-sekai.org/problems/generation/busy\",\"title\":\"Generation is "
                        + "saturated\",\"status\":503,\"detail\":\"4 generations are running already\"}");

        asAdmin().contentType("application/json").body(body()).when().post("/api/v1/generate")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://backpack.v-sekai.org/problems/generation/busy"));
    }

    @Test
    void onlyAdminsGenerateAndOnlyJson() {
        given().header("Authorization", TestTokens.bearer(TestTokens.user("user-" + UUID.randomUUID())))
                .contentType("application/json").body(body()).when().post("/api/v1/generate")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(body()).when().post("/api/v1/generate")
                .then().statusCode(401);
        asAdmin().contentType("text/plain").body(body()).when().post("/api/v1/generate")
                .then().statusCode(415).contentType("application/problem+json");
        assertThat(received()).isZero();
    }

    @Test
    void generationDrawsFromItsOwnBucket() {
        clock.set(Instant.now()); // stopped: no token comes back while the bucket drains
        peers.vision().answer("POST", "/generate", 200, "text/event-stream", EVENTS);
        int served = 0;
        int status;
        do {
            status = asAdmin().contentType("application/json").body(body()).when().post("/api/v1/generate")
                    .then().extract().statusCode();
            served += status == 200 ? 1 : 0;
        } while (status == 200 && served <= 4);

        assertThat(served).as("backpack.gateway.rate-limits.classes.generation.capacity").isEqualTo(4);
        asAdmin().contentType("application/json").body(body()).when().post("/api/v1/generate")
                .then().statusCode(429).contentType("application/problem+json");
        assertThat(received()).isEqualTo(4);
    }
}
