package org.vsekai.backpack.kit.concurrent;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting, off the event loop, for work under way to end: how a worker that was told to pause (the outbox relay, the
 * job queue's workers) makes sure nothing it started is still running when pause() returns.
 */
public final class Quiescence {

    private Quiescence() {
    }

    /**
     * Returns once {@code busy} is false, {@code timeout} has passed, or the thread is interrupted (its flag set
     * again); looks every {@code step}.
     *
     * @return whether the work ended in time
     */
    public static boolean await(BooleanSupplier busy, Duration timeout, Duration step) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (busy.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(step.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
