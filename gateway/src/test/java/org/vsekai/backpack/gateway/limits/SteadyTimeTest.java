package org.vsekai.backpack.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.gateway.testing.TestClock;

/** The time the buckets count: the clock's, except that a step back counts as no time passing. */
class SteadyTimeTest {

    private final TestClock clock = new TestClock();
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void followsTheClockForward() {
        clock.set(now);
        SteadyTime time = new SteadyTime(clock);
        long start = time.currentTimeNanos();

        clock.set(now.plusMillis(1500));

        assertThat(time.currentTimeNanos() - start).isEqualTo(1_500_000_000L);
        assertThat(time.read()).isEqualTo(time.currentTimeNanos());
    }

    @Test
    void aStepBackIsNoTimeAndTheClockCountsOnFromThere() {
        clock.set(now);
        SteadyTime time = new SteadyTime(clock);
        now = now.plusSeconds(10);
        clock.set(now);
        long beforeTheStep = time.currentTimeNanos();

        now = now.minusSeconds(3600);
        clock.set(now);
        assertThat(time.currentTimeNanos()).isEqualTo(beforeTheStep);
        clock.set(now.plusSeconds(2));

        assertThat(time.currentTimeNanos() - beforeTheStep).isEqualTo(2_000_000_000L);
    }
}
