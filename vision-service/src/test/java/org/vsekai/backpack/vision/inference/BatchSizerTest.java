package org.vsekai.backpack.vision.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The batch-size rules, fed measured latencies directly (no clock involved). */
class BatchSizerTest {

    private static final long TARGET = 100_000_000L;

    @Test
    void aBacklogGrowsTheBatchByDoublingWhileRunsStayWithinTheTarget() {
        BatchSizer sizer = new BatchSizer(8, TARGET, 2);
        StringBuilder sizes = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            int size = sizer.next(100);
            sizes.append(size).append(' ');
            sizer.record(size, TARGET / 2);
        }
        assertThat(sizes.toString().trim()).isEqualTo("1 2 4 8 8 8");
    }

    @Test
    void theBatchIsAShareOfTheBacklogPerWorker() {
        BatchSizer sizer = grown(8);
        assertThat(sizer.next(0)).isEqualTo(1);
        assertThat(sizer.next(1)).isEqualTo(1);
        assertThat(sizer.next(5)).isEqualTo(3);
        assertThat(sizer.next(1000)).isEqualTo(8);
    }

    @Test
    void aSlowRunHalvesTheBatch() {
        BatchSizer sizer = grown(8);
        sizer.record(8, TARGET * 3);
        assertThat(sizer.next(1000)).isEqualTo(4);
        sizer.record(4, TARGET * 3);
        sizer.record(2, TARGET * 3);
        sizer.record(1, TARGET * 3);
        assertThat(sizer.next(1000)).isEqualTo(1);
    }

    @Test
    void aSmallFastRunDoesNotRaiseTheCap() {
        BatchSizer sizer = grown(4);
        sizer.record(1, 1);
        assertThat(sizer.cap()).isEqualTo(4);
    }

    private static BatchSizer grown(int to) {
        BatchSizer sizer = new BatchSizer(to, TARGET, 2);
        while (sizer.cap() < to) {
            sizer.record(sizer.cap(), 1);
        }
        return sizer;
    }
}
