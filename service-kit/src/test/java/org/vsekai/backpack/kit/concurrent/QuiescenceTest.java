package org.vsekai.backpack.kit.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class QuiescenceTest {

    @Test
    void returnsOnceTheWorkEnds() {
        AtomicInteger looks = new AtomicInteger();
        assertThat(Quiescence.await(() -> looks.incrementAndGet() < 4, Duration.ofSeconds(10), Duration.ofMillis(1)))
                .isTrue();
        assertThat(looks).hasValue(4);
    }

    @Test
    void givesUpAtTheTimeoutAndWhenInterrupted() {
        assertThat(Quiescence.await(() -> true, Duration.ofMillis(20), Duration.ofMillis(5))).isFalse();
        Thread.currentThread().interrupt();
        try {
            assertThat(Quiescence.await(() -> true, Duration.ofSeconds(10), Duration.ofMillis(5))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).as("the flag is set again").isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
