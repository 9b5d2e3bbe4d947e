package org.vsekai.backpack.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tokens as an identity provider would sign them (RS256 with the test key of {@link TestKeysResource}), and the
 * forgeries an attacker would try. Plain JDK crypto, so nothing in the gateway can issue a token.
 */
public final class TestTokens {

    public static final String ISSUER = "urn:backpack:local";
    public static final String AUDIENCE = "backpack";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTokens() {
    }

    /** A valid token of a user. */
    public static String user(String subject) {
        return claims(subject, List.of("user")).sign();
    }

    /** A valid token of an admin. */
    public static String admin(String subject) {
        return claims(subject, List.of("user", "admin")).sign();
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Sends this token with every RestAssured request until {@link #sendNoToken()}: for tests about other things. */
    public static void sendWithEveryRequest(String token) {
        io.restassured.RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader("Authorization", bearer(token)).build();
    }

    public static void sendNoToken() {
        io.restassured.RestAssured.requestSpecification = null;
    }

    /** The claims of a valid token, valid from a minute ago for an hour; change them before signing. */
    public static Claims claims(String subject, List<String> groups) {
        Instant now = Instant.now();
        Claims claims = new Claims();
        claims.values.put("iss", ISSUER);
        claims.values.put("aud", AUDIENCE);
        claims.values.put("sub", subject);
        claims.values.put("groups", groups);
        claims.values.put("iat", now.minusSeconds(60).getEpochSecond());
        claims.values.put("nbf", now.minusSeconds(60).getEpochSecond());
        claims.values.put("exp", now.plusSeconds(3600).getEpochSecond());
        claims.values.put("jti", java.util.UUID.randomUUID().toString());
        return claims;
    }

    /** Claims, then a way to sign them. */
    public static final class Claims {

        private final Map<String, Object> values = new LinkedHashMap<>();

        public Claims with(String claim, Object value) {
            values.put(claim, value);
            return this;
        }

        /** RS256 with the key the gateway trusts. */
        public String sign() {
            String signingInput = encode(Map.of("alg", "RS256", "typ", "JWT")) + "." + encode(values);
            return signingInput + "." + base64(rs256(signingInput));
        }

        /** An unsigned token ({@code alg: none}), with an empty signature as RFC 7519 spells it. */
        public String unsigned() {
            return encode(Map.of("alg", "none", "typ", "JWT")) + "." + encode(values) + ".";
        }

        /** HS256 with the gateway's public key (its PEM text) as the HMAC secret: the classic key-confusion attack. */
        public String hs256WithPublicKey() {
            String signingInput = encode(Map.of("alg", "HS256", "typ", "JWT")) + "." + encode(values);
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Files.readAllBytes(TestKeysResource.PUBLIC_KEY), "HmacSHA256"));
                return signingInput + "." + base64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Signed properly, then the payload swapped for these claims: the signature no longer matches. */
        public String withSignatureOf(Claims other) {
            String genuine = other.sign();
            String[] parts = genuine.split("\\.");
            return parts[0] + "." + encode(values) + "." + parts[2];
        }
    }

    private static byte[] rs256(String signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Read each time: a restarted application gets a new pair, and parsing is cheap. */
    private static PrivateKey privateKey() throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(TestKeysResource.PRIVATE_KEY)));
    }

    private static byte[] der(Path pem) {
        try {
            String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return base64(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
