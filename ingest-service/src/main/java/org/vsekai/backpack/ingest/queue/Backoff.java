package org.vsekai.backpack.ingest.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential back-off with jitter: {@code base · 2^(attempt − 1)}, capped, then ±25 % at random. */
public record Backoff(Duration base, Duration max, RandomGenerator random) {

    static final double JITTER = 0.25;

    /** The delay before the attempt after {@code attempt} (1 for the first failure). */
    public Duration after(int attempt) {
        double exponential = base.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(exponential, max.toMillis());
        double jittered = capped * (1 + JITTER * (2 * random.nextDouble() - 1));
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }
}
