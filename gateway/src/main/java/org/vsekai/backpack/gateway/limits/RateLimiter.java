package org.vsekai.backpack.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.vsekai.backpack.gateway.config.GatewayConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.SynchronizationStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Token buckets (Bucket4j), one per (class of route, caller): a bucket holds at most {@code capacity} tokens, gains
 * {@code perSecond} of them per second, greedily, and a request takes one. Time comes from the injected
 * {@link Clock}, so tests move it instead of sleeping. Memory is bounded: a bounded Caffeine cache holds the buckets,
 * each expiring once it has refilled to full (no different from a new one), and past {@code max-buckets} the cache
 * drops those least likely to be used again, which can only let a caller through early, never refuse one.
 */
@ApplicationScoped
public class RateLimiter {

    /** The outcome of one request: allowed, or refused until {@code retryAfterSeconds} have passed. */
    public record Decision(boolean allowed, long retryAfterSeconds) {

        static final Decision ALLOWED = new Decision(true, 0);
    }

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

    private record Key(RateClass rateClass, String caller) {
    }

    /** One class's bucket shape, made once: the bandwidth every bucket of the class starts from. */
    private record Limit(Bandwidth bandwidth, long capacity, long nanosPerToken) {

        static Limit of(BucketSize size) {
            long nanosPerToken = Math.max(1, Math.round(1e9 / size.perSecond()));
            return new Limit(Bandwidth.builder().capacity(size.capacity())
                    .refillGreedy(1, Duration.ofNanos(nanosPerToken)).build(), size.capacity(), nanosPerToken);
        }
    }

    /** A caller's bucket after its latest request: what that request was told, and how long until it is full. */
    private record Held(Bucket bucket, ConsumptionProbe outcome, long nanosUntilFull) {
    }

    private final boolean enabled;
    private final SteadyTime time;
    private final Map<RateClass, Limit> limits = new EnumMap<>(RateClass.class);
    private final Cache<Key, Held> buckets;

    @Inject
    public RateLimiter(Clock clock, GatewayConfig config) {
        this(clock, Settings.of(config.rateLimits()));
    }

    public RateLimiter(Clock clock, Settings settings) {
        this.enabled = settings.enabled();
        this.time = new SteadyTime(clock);
        settings.classes().forEach((rateClass, size) -> limits.put(rateClass, Limit.of(size)));
        this.buckets = Caffeine.newBuilder()
                .maximumSize(settings.maxBuckets())
                .expireAfter(new UntilFull())
                .ticker(time)
                // Evict on the calling thread, so the bound holds after every request, not only eventually.
                .executor(Runnable::run)
                .build();
    }

    /** Takes a token from the caller's bucket of this class, if there is one. */
    public Decision acquire(RateClass rateClass, String caller) {
        if (!enabled) {
            return Decision.ALLOWED;
        }
        Limit limit = limits.get(rateClass);
        // compute runs under the key's lock: one request of a caller at a time touches its bucket.
        Held held = buckets.asMap().compute(new Key(rateClass, caller),
                (key, previous) -> take(previous == null ? newBucket(limit) : previous.bucket(), limit));
        ConsumptionProbe outcome = held.outcome();
        if (outcome.isConsumed()) {
            return Decision.ALLOWED;
        }
        long nanos = outcome.getNanosToWaitForRefill();
        return new Decision(false, Math.max(1, (nanos + 999_999_999) / 1_000_000_000));
    }

    /** How many buckets are held; for tests of the memory bound. */
    public int size() {
        buckets.cleanUp();
        return (int) buckets.estimatedSize();
    }

    private Bucket newBucket(Limit limit) {
        // SynchronizationStrategy.NONE: every use of a bucket is inside compute for its key (see acquire).
        return Bucket.builder().addLimit(limit.bandwidth()).withCustomTimePrecision(time)
                .withSynchronizationStrategy(SynchronizationStrategy.NONE).build();
    }

    private static Held take(Bucket bucket, Limit limit) {
        ConsumptionProbe outcome = bucket.tryConsumeAndReturnRemaining(1);
        long missing = limit.capacity() - outcome.getRemainingTokens();
        return new Held(bucket, outcome, missing > Long.MAX_VALUE / 2 / limit.nanosPerToken()
                ? Long.MAX_VALUE / 2 : missing * limit.nanosPerToken());
    }

    /** A bucket lives until it would be full again; reading it does not extend that. */
    private static final class UntilFull implements Expiry<Key, Held> {

        @Override
        public long expireAfterCreate(Key key, Held held, long currentTime) {
            return held.nanosUntilFull();
        }

        @Override
        public long expireAfterUpdate(Key key, Held held, long currentTime, long currentDuration) {
            return held.nanosUntilFull();
        }

        @Override
        public long expireAfterRead(Key key, Held held, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
