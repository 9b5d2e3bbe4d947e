package org.vsekai.backpack.gateway.limits;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Ticker;

import io.github.bucket4j.TimeMeter;

/**
 * The injected {@link Clock}'s time as the buckets and their cache count it: nanoseconds that never run backwards.
 * A clock stepping back (a test resetting it, an NTP step) counts as no time passing, so it neither starves a bucket
 * until the clock catches up (Bucket4j refills nothing while time is behind its last refill) nor expires one early.
 */
final class SteadyTime implements TimeMeter, Ticker {

    /** The clock's last reading and the steady time it stood for. */
    private record Reading(long clockMillis, long nanos) {
    }

    private final Clock clock;
    private final AtomicReference<Reading> last;

    SteadyTime(Clock clock) {
        this.clock = clock;
        long now = clock.millis();
        this.last = new AtomicReference<>(new Reading(now, now * 1_000_000));
    }

    @Override
    public long currentTimeNanos() {
        long now = clock.millis();
        while (true) {
            Reading seen = last.get();
            if (now <= seen.clockMillis()) {
                if (now == seen.clockMillis() || last.compareAndSet(seen, new Reading(now, seen.nanos()))) {
                    return seen.nanos();
                }
            } else {
                Reading next = new Reading(now, seen.nanos() + (now - seen.clockMillis()) * 1_000_000);
                if (last.compareAndSet(seen, next)) {
                    return next.nanos();
                }
            }
        }
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }

    @Override
    public long read() {
        return currentTimeNanos();
    }
}
