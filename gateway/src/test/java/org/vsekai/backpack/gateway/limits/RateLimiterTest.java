package org.vsekai.backpack.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The token buckets (Bucket4j in a bounded cache) alone, on a clock the test moves. */
class RateLimiterTest {

    private Instant now = Instant.parse("2030-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void allowsTheBurstThenRefusesUntilATokenIsBack() {
        RateLimiter limiter = new RateLimiter(clock, config(true, 100, 3, 0.5));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(RateClass.READ, "alice").allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.acquire(RateClass.READ, "alice");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(2); // one token at 0.5 per second

        now = now.plusMillis(1999);
        assertThat(limiter.acquire(RateClass.READ, "alice").allowed()).isFalse();
        now = now.plusMillis(2001);
        assertThat(limiter.acquire(RateClass.READ, "alice").allowed()).isTrue();
    }

    @Test
    void keepsOneBucketPerCallerAndClass() {
        RateLimiter limiter = new RateLimiter(clock, config(true, 100, 1, 1));

        assertThat(limiter.acquire(RateClass.READ, "alice").allowed()).isTrue();
        assertThat(limiter.acquire(RateClass.READ, "alice").allowed()).isFalse();
        assertThat(limiter.acquire(RateClass.READ, "bob").allowed()).isTrue();
        assertThat(limiter.acquire(RateClass.WRITE, "alice").allowed()).isTrue();
    }

    @Test
    void neverHoldsMoreBucketsThanItsBound() {
        RateLimiter limiter = new RateLimiter(clock, config(true, 50, 1, 1));

        for (int i = 0; i < 1000; i++) {
            limiter.acquire(RateClass.ANONYMOUS, "ip-" + i);
            assertThat(limiter.size()).isLessThanOrEqualTo(50);
        }
    }

    @Test
    void dropsIdleBucketsFirst() {
        RateLimiter limiter = new RateLimiter(clock, config(true, 20, 2, 1));
        limiter.acquire(RateClass.READ, "busy");
        limiter.acquire(RateClass.READ, "busy");
        for (int i = 0; i < 19; i++) { // 20 buckets: full
            limiter.acquire(RateClass.READ, "idle-" + i);
        }
        now = now.plusMillis(1500); // the idle ones are full again; busy has 1.5 of 2

        limiter.acquire(RateClass.READ, "newcomer");

        assertThat(limiter.size()).isEqualTo(2);
        assertThat(limiter.acquire(RateClass.READ, "busy").allowed()).isTrue();
        assertThat(limiter.acquire(RateClass.READ, "busy").allowed()).as("busy kept its bucket").isFalse();
    }

    @Test
    void aClockThatGoesBackDoesNotStarveABucket() {
        RateLimiter limiter = new RateLimiter(clock, config(true, 100, 1, 1));
        limiter.acquire(RateClass.READ, "alice");
        now = now.minusSeconds(3600);

        assertThat(limiter.acquire(RateClass.READ, "alice").allowed()).isFalse();
        now = now.plusSeconds(1);
        assertThat(limiter.acquire(RateClass.READ, "alice").allowed()).isTrue();
    }

    @Test
    void refillsGreedilyOneTokenAtATime() {
        RateLimiter limiter = new RateLimiter(clock, config(true, 100, 4, 2));
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire(RateClass.WRITE, "alice").allowed()).isTrue();
        }

        now = now.plusMillis(500); // half a second at 2 per second: one token, not the whole burst
        assertThat(limiter.acquire(RateClass.WRITE, "alice").allowed()).isTrue();
        RateLimiter.Decision refused = limiter.acquire(RateClass.WRITE, "alice");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void aRateBelowOnePerSecondWaitsWholeSeconds() {
        RateLimiter limiter = new RateLimiter(clock, config(true, 100, 1, 0.2)); // the upload class: one per 5 s
        assertThat(limiter.acquire(RateClass.UPLOAD, "alice").allowed()).isTrue();

        RateLimiter.Decision refused = limiter.acquire(RateClass.UPLOAD, "alice");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(5);
        now = now.plusMillis(4999);
        assertThat(limiter.acquire(RateClass.UPLOAD, "alice").retryAfterSeconds()).isEqualTo(1);
        now = now.plusMillis(1);
        assertThat(limiter.acquire(RateClass.UPLOAD, "alice").allowed()).isTrue();
    }

    @Test
    void dropsBucketsThatAreFullAgainWithoutBeingPressed() {
        RateLimiter limiter = new RateLimiter(clock, config(true, 100, 2, 1));
        for (int i = 0; i < 10; i++) {
            limiter.acquire(RateClass.READ, "caller-" + i);
        }
        assertThat(limiter.size()).isEqualTo(10);

        now = now.plusSeconds(3); // each had 1 of 2 tokens, full after 1 s

        assertThat(limiter.size()).isZero();
        assertThat(limiter.acquire(RateClass.READ, "caller-0").allowed()).isTrue();
        assertThat(limiter.acquire(RateClass.READ, "caller-0").allowed()).as("a full bucket again").isTrue();
        assertThat(limiter.acquire(RateClass.READ, "caller-0").allowed()).isFalse();
    }

    @Test
    void concurrentRequestsOfOneCallerNeverTakeMoreThanTheBurst() throws Exception {
        RateLimiter limiter = new RateLimiter(clock, config(true, 100, 50, 1));
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (limiter.acquire(RateClass.READ, "alice").allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> thread : done) {
                thread.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(allowed).hasValue(50); // the clock stands still: no token comes back
    }

    @Test
    void allowsEverythingWhenDisabled() {
        RateLimiter limiter = new RateLimiter(clock, config(false, 100, 1, 1));
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire(RateClass.READ, "alice").allowed()).isTrue();
        }
    }

    private static RateLimiter.Settings config(boolean enabled, int maxBuckets, int capacity, double perSecond) {
        RateLimiter.BucketSize size = new RateLimiter.BucketSize(capacity, perSecond);
        Map<RateClass, RateLimiter.BucketSize> classes = new EnumMap<>(RateClass.class);
        for (RateClass rateClass : RateClass.values()) {
            classes.put(rateClass, size);
        }
        return new RateLimiter.Settings(enabled, maxBuckets, classes);
    }
}
