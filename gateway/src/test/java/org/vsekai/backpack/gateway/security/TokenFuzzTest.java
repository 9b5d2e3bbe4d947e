package org.vsekai.backpack.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.vsekai.backpack.gateway.avatar.StreamToken;
import org.vsekai.backpack.gateway.testing.TestTokens;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token path up to and through the signature check, fuzzed: where a WebSocket handshake's token is taken
 * from ({@link StreamToken}), then the verified-token cache ({@link VerifiedTokens}) in front of smallrye-jwt's
 * parser, configured as the gateway's is (RS256 only, issuer, audience), which parses the JOSE header before it
 * verifies anything. Every token here is a forgery (the fuzzer holds no private key): each must be refused with
 * {@link ParseException}, whatever its header says ({@code alg: none}, HS256, a {@code jwk} or {@code x5u} of its
 * own, broken base64 or JSON), and none may be held by the cache.
 */
class TokenFuzzTest {

    private static final DefaultJWTParser PARSER = parser();
    private static final VerifiedTokens TOKENS = new VerifiedTokens(Clock.systemUTC(), 1000);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Claims the gateway would take, so that only the header and the signature decide. */
    private static final String PAYLOAD = BASE64URL.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER
            + "\",\"aud\":\"" + TestTokens.AUDIENCE + "\",\"sub\":\"fuzz\",\"groups\":[\"user\"],\"exp\":"
            + Instant.now().plusSeconds(86_400).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));

    @FuzzTest(maxDuration = "5s")
    void everyForgeryIsRefusedWithAParseException(FuzzedDataProvider data) {
        try {
            String token;
            if (data.consumeBoolean()) {
                // A header of the fuzzer's choosing over genuine claims, with a signature of its choosing.
                String header = BASE64URL.encodeToString(data.consumeString(512).getBytes(StandardCharsets.UTF_8));
                String signature = data.consumeBoolean() ? ""
                        : BASE64URL.encodeToString(data.consumeRemainingAsBytes());
                token = header + "." + PAYLOAD + "." + signature;
            } else {
                // Wherever a handshake may carry it, as raw as a client can send it.
                String authorization = data.consumeBoolean() ? null : data.consumeString(256);
                List<String> protocols = data.consumeBoolean() ? List.of() : List.of(data.consumeString(256));
                token = StreamToken.of(authorization, protocols, data.consumeRemainingAsString());
                if (token == null) {
                    return;
                }
                assertThat(token).isNotBlank();
            }
            TOKENS.verify(token, PARSER::parse);
            fail("a token signed by no one was accepted");
        } catch (ParseException refused) {
            assertThat(TOKENS.size()).isZero();
        }
    }

    private static DefaultJWTParser parser() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), TestTokens.ISSUER);
            context.setExpectedAudience(Set.of(TestTokens.AUDIENCE));
            context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
            return new DefaultJWTParser(context);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
