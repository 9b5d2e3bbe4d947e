package org.vsekai.backpack.gateway.limits;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.vsekai.backpack.gateway.config.GatewayConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Token buckets, one per (class of route, caller). A bucket holds at most {@code capacity} tokens, gains
 * {@code perSecond} of them per second, and a request takes one. Time comes from the injected {@link Clock}, so
 * tests move it instead of sleeping. Memory is bounded: past {@code max-buckets}, idle buckets are dropped.
 */
@ApplicationScoped
public class RateLimiter {

    /** The outcome of one request: allowed, or refused until {@code retryAfterSeconds} have passed. */
    public record Decision(boolean allowed, long retryAfterSeconds) {

        static final Decision ALLOWED = new Decision(true, 0);
    }

    private record Key(RateClass rateClass, String caller) {
    }

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long nowMillis) {
            this.tokens = tokens;
            this.updatedMillis = nowMillis;
        }
    }

    private record Limit(double capacity, double perMilli) {
    }

    private final Clock clock;
    private final boolean enabled;
    private final int maxBuckets;
    private final Map<RateClass, Limit> limits = new EnumMap<>(RateClass.class);
    private final ConcurrentHashMap<Key, Bucket> buckets = new ConcurrentHashMap<>();

    /** The limits, as configured under {@code backpack.gateway.rate-limits}. */
    public record Settings(boolean enabled, int maxBuckets, Map<RateClass, BucketSize> classes) {

        static Settings of(GatewayConfig.RateLimits config) {
            Map<RateClass, BucketSize> classes = new EnumMap<>(RateClass.class);
            for (RateClass rateClass : RateClass.values()) {
                GatewayConfig.RateLimits.Bucket bucket = config.classes().get(rateClass.configName());
                if (bucket == null) {
                    throw new IllegalStateException("backpack.gateway.rate-limits.classes." + rateClass.configName()
                            + " is not configured");
                }
                classes.put(rateClass, new BucketSize(bucket.capacity(), bucket.perSecond()));
            }
            return new Settings(config.enabled(), config.maxBuckets(), classes);
        }
    }

    public record BucketSize(int capacity, double perSecond) {
    }

    @Inject
    public RateLimiter(Clock clock, GatewayConfig config) {
        this(clock, Settings.of(config.rateLimits()));
    }

    public RateLimiter(Clock clock, Settings settings) {
        this.clock = clock;
        this.enabled = settings.enabled();
        this.maxBuckets = settings.maxBuckets();
        settings.classes().forEach((rateClass, size) ->
                limits.put(rateClass, new Limit(size.capacity(), size.perSecond() / 1000.0)));
    }

    /** Takes a token from the caller's bucket of this class, if there is one. */
    public Decision acquire(RateClass rateClass, String caller) {
        if (!enabled) {
            return Decision.ALLOWED;
        }
        Limit limit = limits.get(rateClass);
        long now = clock.millis();
        Key key = new Key(rateClass, caller);
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxBuckets) {
                evict(now);
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.capacity(), now));
        }
        synchronized (bucket) {
            refill(bucket, limit, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Decision.ALLOWED;
            }
            double missingMillis = (1 - bucket.tokens) / limit.perMilli();
            return new Decision(false, Math.max(1, (long) Math.ceil(missingMillis / 1000.0)));
        }
    }

    /** How many buckets are held; for tests of the memory bound. */
    public int size() {
        return buckets.size();
    }

    private static void refill(Bucket bucket, Limit limit, long now) {
        // A clock that went back (a test resetting it, an NTP step) must not leave a bucket empty until it catches up.
        long elapsed = Math.max(0, now - bucket.updatedMillis);
        bucket.tokens = Math.min(limit.capacity(), bucket.tokens + elapsed * limit.perMilli());
        bucket.updatedMillis = now;
    }

    /** Drops the buckets that are full again (no different from a new one); if that is not enough, any. */
    private void evict(long now) {
        buckets.entrySet().removeIf(entry -> {
            Bucket bucket = entry.getValue();
            Limit limit = limits.get(entry.getKey().rateClass());
            synchronized (bucket) {
                long elapsed = Math.max(0, now - bucket.updatedMillis);
                return bucket.tokens + elapsed * limit.perMilli() >= limit.capacity();
            }
        });
        // A flood of distinct callers: forget some, which can only let a request through early.
        Iterator<Key> keys = buckets.keySet().iterator();
        while (buckets.size() >= maxBuckets * 9L / 10 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
