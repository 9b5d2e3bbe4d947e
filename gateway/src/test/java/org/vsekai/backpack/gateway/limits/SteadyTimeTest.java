package org.vsekai.backpack.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The time the buckets count: the clock's, except that a step back counts as no time passing. */
class SteadyTimeTest {

    private Instant now = Instant.parse("2030-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    @Test
    void followsTheClockForward() {
        SteadyTime time = new SteadyTime(clock);
        long start = time.currentTimeNanos();

        now = now.plusMillis(1500);

        assertThat(time.currentTimeNanos() - start).isEqualTo(1_500_000_000L);
        assertThat(time.read()).isEqualTo(time.currentTimeNanos());
    }

    @Test
    void aStepBackIsNoTimeAndTheClockCountsOnFromThere() {
        SteadyTime time = new SteadyTime(clock);
        now = now.plusSeconds(10);
        long beforeTheStep = time.currentTimeNanos();

        now = now.minusSeconds(3600);
        assertThat(time.currentTimeNanos()).isEqualTo(beforeTheStep);
        now = now.plusSeconds(2);

        assertThat(time.currentTimeNanos() - beforeTheStep).isEqualTo(2_000_000_000L);
    }
}
