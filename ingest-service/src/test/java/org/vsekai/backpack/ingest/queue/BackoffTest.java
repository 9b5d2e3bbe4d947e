package org.vsekai.backpack.ingest.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theDelayDoublesWithEachAttemptUpToItsCap() {
        Backoff noJitter = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), fixed(0.5));
        assertThat(noJitter.after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(noJitter.after(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(noJitter.after(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(noJitter.after(5)).as("capped").isEqualTo(Duration.ofSeconds(30));
        assertThat(noJitter.after(60)).as("no overflow").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterMovesItByAtMostAQuarter() {
        assertThat(new Backoff(Duration.ofSeconds(4), Duration.ofMinutes(1), fixed(0.0)).after(1))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(new Backoff(Duration.ofSeconds(4), Duration.ofMinutes(1), fixed(0.999999)).after(1))
                .isEqualTo(Duration.ofMillis(5000));
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
