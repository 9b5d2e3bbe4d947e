package org.vsekai.backpack.launcher.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signs JWTs (RS256) with the local private key, with the issuer and audience the launcher configures the gateway
 * to expect ({@link #gatewayProperties}). Plain JDK crypto: the gateway itself never issues tokens.
 */
public final class LocalTokens {

    public static final String ISSUER = "urn:backpack:local";
    public static final String AUDIENCE = "backpack";
    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    private final PrivateKey key;

    public LocalTokens(LocalKeys keys) {
        this.key = keys.loadPrivateKey();
    }

    /** The gateway's configuration that makes it accept these tokens, as {@code name=value}. */
    public static List<String> gatewayProperties(LocalKeys keys) {
        return List.of("mp.jwt.verify.publickey.location=" + keys.publicKey().toAbsolutePath(),
                "mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.audiences=" + AUDIENCE);
    }

    /** A token for {@code subject} with role user (and admin), valid from {@code now} for {@code ttl}. */
    public String sign(String subject, boolean admin, Duration ttl, Instant now) {
        List<String> groups = new ArrayList<>(List.of(ROLE_USER));
        if (admin) {
            groups.add(ROLE_ADMIN);
        }
        long issuedAt = now.getEpochSecond();
        String claims = "{\"iss\":" + json(ISSUER) + ",\"aud\":" + json(AUDIENCE) + ",\"sub\":" + json(subject)
                + ",\"upn\":" + json(subject)
                + ",\"groups\":[" + String.join(",", groups.stream().map(LocalTokens::json).toList()) + "]"
                + ",\"iat\":" + issuedAt + ",\"nbf\":" + issuedAt + ",\"exp\":" + (issuedAt + ttl.toSeconds())
                + ",\"jti\":" + json(UUID.randomUUID().toString()) + "}";
        String signingInput = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the local key", e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
