package org.vsekai.backpack.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;

/** The decorator is what the gateway's parser is: parse(String) is served from the cache, the rest is the parser's. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class VerifiedTokenCacheTest {

    @Inject
    JWTParser parser;

    @Test
    void aTokenParsedTwiceIsVerifiedOnceAndOtherMethodsReachTheParser() throws ParseException {
        String token = TestTokens.user("user-" + UUID.randomUUID());

        var first = parser.parse(token);
        assertThat(first.getSubject()).startsWith("user-");
        assertThat(parser.parse(token)).as("held by the cache").isSameAs(first);
        // Not decorated: the parser builds a new principal each time.
        assertThat(parser.parseOnly(token)).isNotSameAs(first).extracting("name").isEqualTo(first.getName());
    }

    @Test
    void aTamperedTokenIsRefusedEvenAfterTheGenuineOneWasHeld() throws ParseException {
        String token = TestTokens.user("user-" + UUID.randomUUID());
        parser.parse(token);
        String tampered = token.substring(0, token.length() - 4)
                + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatThrownBy(() -> parser.parse(tampered)).isInstanceOf(ParseException.class);
    }
}
