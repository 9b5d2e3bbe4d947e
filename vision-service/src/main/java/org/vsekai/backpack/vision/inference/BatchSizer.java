package org.vsekai.backpack.vision.inference;

/**
 * The size of the next micro-batch of frames. The backlog asks for a share of it per worker, so a consumer that
 * is behind catches up in larger, more efficient runs; measured latency caps that: a run slower than the target
 * halves the cap, one within it at the cap doubles it (up to the maximum). It starts at 1, so a backlog grows the
 * batch 1, 2, 4, ... while every run keeps within the target, and an idle stream runs frame by frame.
 */
public final class BatchSizer {

    private final int max;
    private final long targetNanos;
    private final int workers;
    private int cap = 1;

    public BatchSizer(int max, long targetNanos, int workers) {
        this.max = Math.max(1, max);
        this.targetNanos = targetNanos;
        this.workers = Math.max(1, workers);
    }

    public synchronized int next(long backlog) {
        long share = (backlog + workers - 1) / workers;
        return (int) Math.max(1, Math.min(share, cap));
    }

    /** A stream run of {@code size} frames took {@code nanos}. */
    public synchronized void record(int size, long nanos) {
        if (nanos > targetNanos) {
            cap = Math.max(1, size / 2);
        } else if (size >= cap) {
            cap = Math.min(max, cap * 2);
        }
    }

    public synchronized int cap() {
        return cap;
    }
}
