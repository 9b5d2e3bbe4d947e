package org.vsekai.backpack.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Tokens already verified, so that a client's every request does not pay for the signature check and the claims'
 * parsing again (an RS256 check and two JSON documents, a third of the gateway's time per request without it). Keyed
 * by the SHA-256 of the whole token: any other token, if only by one character of its signature, is verified afresh.
 * An entry serves only while its token is unexpired by the gateway's clock; past its {@code exp} the verifier decides
 * again (and refuses it, past any allowed clock skew). A token the verifier refuses is never held. Memory is bounded
 * by {@code max-size}.
 */
public final class VerifiedTokens {

    /** What verifies a token the cache does not hold: smallrye-jwt's parser, in the gateway. */
    @FunctionalInterface
    public interface Verifier {
        JsonWebToken verify(String token) throws ParseException;
    }

    /** A verified token and the second its validity ends ({@code exp}). */
    private record Verified(JsonWebToken token, long expiresAtSecond) {
    }

    private record Key(byte[] sha256) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && MessageDigest.isEqual(sha256, key.sha256);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sha256);
        }
    }

    /** Cloned per token: cheaper than looking the algorithm up among the security providers each time. */
    private static final MessageDigest SHA_256 = sha256Digest();

    private final Clock clock;
    private final Cache<Key, Verified> verified;

    public VerifiedTokens(Clock clock, int maxSize) {
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                // Memory only: whether an entry may still serve is decided by the gateway's clock, in verify.
                .expireAfter(new UntilExpiry(clock))
                .build();
    }

    /** The verified token: from the cache while it is unexpired, otherwise from {@code verifier} (held if valid). */
    public JsonWebToken verify(String token, Verifier verifier) throws ParseException {
        Key key = new Key(sha256(token));
        long now = nowSecond();
        Verified held = verified.getIfPresent(key);
        if (held != null) {
            if (now < held.expiresAtSecond()) {
                return held.token();
            }
            verified.invalidate(key);
        }
        JsonWebToken fresh = verifier.verify(token);
        long expiresAt = fresh.getExpirationTime();
        // A token without exp, or one the verifier let through inside its clock skew, is not held.
        if (expiresAt > now) {
            verified.put(key, new Verified(fresh, expiresAt));
        }
        return fresh;
    }

    /** Tokens held; for tests. */
    public long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private long nowSecond() {
        return Math.floorDiv(clock.millis(), 1000);
    }

    private static byte[] sha256(String token) {
        try {
            return ((MessageDigest) SHA_256.clone()).digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 digest of this runtime cannot be cloned", e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.clone(); // fail at start-up, not per request, on a runtime whose digest cannot be cloned
            return digest;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 (cloneable) is needed for the verified-token cache", e);
        }
    }

    /** An entry leaves memory when its token expires; reading it does not extend that. */
    private static final class UntilExpiry implements Expiry<Key, Verified> {

        private final Clock clock;

        UntilExpiry(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(Key key, Verified value, long currentTime) {
            long millis = value.expiresAtSecond() * 1000 - clock.millis();
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        }

        @Override
        public long expireAfterUpdate(Key key, Verified value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, Verified value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
