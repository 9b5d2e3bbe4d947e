package org.vsekai.backpack.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;

/**
 * The attacks on authentication, each alone: every forged, stale or misdirected token is a 401 problem with a
 * Bearer challenge, and the detail does not say which check failed. The baseline shows the same request with a
 * valid token succeeds, so each 401 is the token's fault.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class AuthenticationTest {

    @Inject
    CircuitBreakerMaintenance circuits;

    /** Another class's deliberate failures may have opened a circuit (%test keeps it open for a minute). */
    @BeforeEach
    void closeTheCircuits() {
        circuits.resetAll();
    }

    private final String user = "user-" + UUID.randomUUID();

    @Test
    void aValidTokenIsAccepted() {
        call(TestTokens.user(user)).statusCode(200).body("userId", equalTo(user));
    }

    @Test
    void noTokenIs401() {
        given().when().get(path())
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("instance", equalTo(path()));
    }

    @Test
    void anExpiredTokenIs401() {
        Instant now = Instant.now();
        refused(claims().with("iat", now.minusSeconds(7200).getEpochSecond())
                .with("nbf", now.minusSeconds(7200).getEpochSecond())
                .with("exp", now.minusSeconds(600).getEpochSecond()).sign());
    }

    @Test
    void aTokenNotYetValidIs401() {
        Instant now = Instant.now();
        refused(claims().with("nbf", now.plusSeconds(600).getEpochSecond()).sign());
    }

    @Test
    void aTokenOfAnotherIssuerIs401() {
        refused(claims().with("iss", "https://evil.example.org").sign());
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        refused(claims().with("aud", "some-other-api").sign());
    }

    @Test
    void aTokenWithABadSignatureIs401() {
        // A genuine signature of alice's token on a payload that says admin.
        refused(TestTokens.claims(user, List.of("user", "admin"))
                .withSignatureOf(TestTokens.claims(user, List.of("user"))));
    }

    @Test
    void aVerifiedTokenDoesNotVouchForItsForgeries() {
        // The valid token is verified once and then held (VerifiedTokens); what is held must not let through a token
        // with the same genuine signature on other claims, nor its claims without a signature.
        TestTokens.Claims genuine = TestTokens.claims(user, List.of("user"));
        String token = genuine.sign();
        call(token).statusCode(200);
        call(token).statusCode(200);

        refused(TestTokens.claims(user, List.of("user", "admin")).withSignatureOf(genuine));
        refused(genuine.unsigned());
        call(token).statusCode(200).body("userId", equalTo(user));
    }

    @Test
    void anUnsignedTokenIs401() {
        refused(claims().unsigned());
    }

    @Test
    void aTokenSignedWithHs256AndThePublicKeyAsSecretIs401() {
        refused(claims().hs256WithPublicKey());
    }

    @Test
    void garbageIs401() {
        refused("not-a-jwt");
    }

    @Test
    void anInvalidTokenIs401EvenOnAPublicRoute() {
        // A client that sends a token means to be someone: it never silently becomes anonymous.
        given().header("Authorization", TestTokens.bearer(claims().unsigned()))
                .when().get("/api/v1/items/item-1/similar")
                .then().statusCode(401).contentType("application/problem+json");
    }

    private TestTokens.Claims claims() {
        return TestTokens.claims(user, List.of("user"));
    }

    private String path() {
        return "/api/v1/users/" + user + "/recommendations";
    }

    private ValidatableResponse call(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).when().get(path()).then();
    }

    private void refused(String token) {
        call(token).statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .body("detail", equalTo("The bearer token is not valid"))
                .body(not(containsString(user + "\",\"model")));
    }
}
