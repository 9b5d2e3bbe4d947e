package org.vsekai.backpack.recommender.model.algorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A fixed pool, one thread per available processor, that splits an index range into one slice per thread. */
final class Workers implements AutoCloseable {

    /** Work on the indexes {@code from} (inclusive) to {@code to} (exclusive); {@code slice} numbers the caller. */
    interface RangeTask {
        void run(int slice, int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    Workers() {
        threads = Runtime.getRuntime().availableProcessors();
        pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "recommender-fit");
            thread.setDaemon(true);
            return thread;
        });
    }

    int threads() {
        return threads;
    }

    /** Runs the task over 0..n-1 in {@link #threads()} contiguous slices and waits for all of them. */
    void forRange(int n, RangeTask task) {
        int slices = Math.max(1, Math.min(threads, n));
        List<Future<?>> futures = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            int slice = s;
            int from = (int) ((long) n * s / slices);
            int to = (int) ((long) n * (s + 1) / slices);
            futures.add(pool.submit(() -> task.run(slice, from, to)));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fitting", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("fitting failed: " + e.getCause(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
