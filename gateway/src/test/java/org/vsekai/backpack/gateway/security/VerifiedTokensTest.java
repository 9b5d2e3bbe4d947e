package org.vsekai.backpack.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.gateway.testing.TestClock;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The cache of verified tokens, in front of a verifier that stands in for smallrye-jwt's (tested on the real one in
 * AuthenticationTest): it decides by the token's text and the clock, and records every token it was asked about.
 */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final TestClock clock = new TestClock();
    private final List<String> verified = new ArrayList<>();
    private final VerifiedTokens tokens = new VerifiedTokens(clock, 100);

    VerifiedTokensTest() {
        clock.set(NOW);
    }

    /** "valid-<subject>-<exp>" is valid until exp (epoch seconds) by the clock; anything else is refused. */
    private JsonWebToken verify(String token) throws ParseException {
        verified.add(token);
        String[] parts = token.split("-");
        if (parts.length != 3 || !parts[0].equals("valid") || !parts[2].chars().allMatch(Character::isDigit)
                || clock.instant().getEpochSecond() >= Long.parseLong(parts[2])) {
            throw new ParseException("refused: " + token);
        }
        JwtClaims claims = new JwtClaims();
        claims.setSubject(parts[1]);
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(Long.parseLong(parts[2])));
        return new DefaultJWTCallerPrincipal(token, claims);
    }

    private static String valid(String subject, Instant expiry) {
        return "valid-" + subject + "-" + expiry.getEpochSecond();
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgainUntilItExpires() throws ParseException {
        String token = valid("alice", NOW.plusSeconds(3600));

        JsonWebToken first = tokens.verify(token, this::verify);
        clock.set(NOW.plusSeconds(3599));
        JsonWebToken again = tokens.verify(token, this::verify);

        assertThat(again.getSubject()).isEqualTo("alice");
        assertThat(again).isSameAs(first);
        assertThat(verified).containsExactly(token);
    }

    @Test
    void anExpiredTokenIsVerifiedAgainAndRefused() throws ParseException {
        String token = valid("alice", NOW.plusSeconds(60));
        tokens.verify(token, this::verify);

        clock.set(NOW.plusSeconds(60));

        assertThatThrownBy(() -> tokens.verify(token, this::verify)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.verify(token, this::verify)).isInstanceOf(ParseException.class);
        assertThat(verified).containsExactly(token, token, token);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aRefusedTokenIsNeverHeld() {
        String forged = "forged-alice-" + NOW.plusSeconds(3600).getEpochSecond();

        assertThatThrownBy(() -> tokens.verify(forged, this::verify)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.verify(forged, this::verify)).isInstanceOf(ParseException.class);

        assertThat(verified).containsExactly(forged, forged);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenDifferingByOneCharacterIsVerifiedOnItsOwn() throws ParseException {
        String token = valid("alice", NOW.plusSeconds(3600));
        tokens.verify(token, this::verify);
        // The same claims with a tampered last character, as a forged signature would differ.
        String tampered = token.substring(0, token.length() - 1) + "x";

        assertThatThrownBy(() -> tokens.verify(tampered, this::verify)).isInstanceOf(ParseException.class);

        assertThat(verified).containsExactly(token, tampered);
        assertThat(tokens.verify(token, this::verify).getSubject()).isEqualTo("alice");
        assertThat(verified).hasSize(2);
    }

    @Test
    void memoryIsBounded() throws ParseException {
        VerifiedTokens small = new VerifiedTokens(clock, 16);
        for (int i = 0; i < 200; i++) {
            small.verify(valid("user" + i, NOW.plusSeconds(3600)), this::verify);
        }

        assertThat(small.size()).isLessThanOrEqualTo(16);
    }
}
