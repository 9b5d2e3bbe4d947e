package org.vsekai.backpack.launcher.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * An open-loop load of several kinds of request at a fixed total rate: request {@code n} is due at {@code n / rate}
 * seconds whatever the earlier ones are doing, and its latency counts from when it was due, so a stall of the system
 * shows as latency instead of hiding as fewer requests (no coordinated omission). The kinds follow a fixed pattern
 * ({@link #pattern}), so a run is the same mix every time. Answers are recorded per kind and per sampling interval.
 */
final class MixedLoad {

    /** What the soak sends; each with its weight in a hundred requests and the status it must answer. */
    enum Kind {
        RECOMMENDATIONS(45), INTERACTION(25), SIMILAR(10), METADATA_READ(10), METADATA_WRITE(6), ATTRIBUTES(3),
        UPLOAD(1);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** One request to send: built when it is due (so ids and bodies are fresh), checked by its expected statuses. */
    record Call(Kind kind, HttpRequest request, List<Integer> expected) {
    }

    /** Latencies (nanoseconds) and outcomes of the answers that arrived in one interval, or in the whole run. */
    static final class Tally {

        private long[] nanos = new long[1024];
        private int count;
        private long errors;
        private long refused;
        /** Errors by status (0 for no answer at all). */
        private final Map<Integer, Long> errorStatuses = new TreeMap<>();

        synchronized void answered(long latencyNanos, int status, boolean ok) {
            answered(latencyNanos, ok, status == 429);
            if (!ok) {
                errorStatuses.merge(status, 1L, Long::sum);
            }
        }

        synchronized void answered(long latencyNanos, boolean ok, boolean rateLimited) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latencyNanos;
            if (rateLimited) {
                refused++;
            } else if (!ok) {
                errors++;
            }
        }

        synchronized void failed(long latencyNanos) {
            answered(latencyNanos, 0, false);
        }

        /** A copy of what it holds, and (when {@code reset}) an empty tally from then on. */
        synchronized Snapshot snapshot(boolean reset) {
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            Snapshot snapshot = new Snapshot(sorted, errors, refused, Map.copyOf(errorStatuses));
            if (reset) {
                count = 0;
                errors = 0;
                refused = 0;
                errorStatuses.clear();
            }
            return snapshot;
        }
    }

    /** Sorted latencies, errors (a wrong status or no answer), 429s, and the errors and 429s by status (0: none). */
    record Snapshot(long[] nanos, long errors, long refused, Map<Integer, Long> errorStatuses) {

        long answered() {
            return nanos.length;
        }

        double millisAt(double quantile) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(nanos.length - 1, Math.ceil(quantile * nanos.length) - 1);
            return nanos[Math.max(0, index)] / 1e6;
        }
    }

    private final HttpClient http;
    private final double rate;
    private final LongFunction<Call> calls;
    private final Map<Kind, Tally> perKind = new EnumMap<>(Kind.class);
    private final Tally interval = new Tally();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    /** @param calls the {@code n}-th request of the run (its kind from {@link #kindOf}) */
    MixedLoad(HttpClient http, double rate, LongFunction<Call> calls) {
        this.http = http;
        this.rate = rate;
        this.calls = calls;
        for (Kind kind : Kind.values()) {
            perKind.put(kind, new Tally());
        }
    }

    /** The kinds in the order a hundred requests take them, spread out rather than in blocks of one kind. */
    static List<Kind> pattern() {
        List<Kind> order = new ArrayList<>();
        int[] taken = new int[Kind.values().length];
        for (int slot = 0; slot < 100; slot++) {
            // Each slot goes to the kind furthest behind its share so far (smooth weighted round robin).
            Kind next = null;
            double behind = Double.NEGATIVE_INFINITY;
            for (Kind kind : Kind.values()) {
                double deficit = (slot + 1) * kind.weight / 100.0 - taken[kind.ordinal()];
                if (deficit > behind) {
                    behind = deficit;
                    next = kind;
                }
            }
            taken[next.ordinal()]++;
            order.add(next);
        }
        return order;
    }

    private static final List<Kind> PATTERN = pattern();

    static Kind kindOf(long n) {
        return PATTERN.get((int) (n % PATTERN.size()));
    }

    /**
     * Sends for {@code length}, calling {@code sample} every {@code every} with the interval's answers, then waits up to
     * {@code drain} for the answers still due.
     */
    void run(Duration length, Duration every, Duration drain, Sampler sample) throws InterruptedException {
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "soak-clock");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        long periodNanos = Math.max(1, Math.round(1e9 / rate));
        long total = length.toNanos() / periodNanos;
        try {
            // One tick a millisecond sends every request that is due by then.
            clock.scheduleAtFixedRate(() -> {
                long due = Math.min(total, (System.nanoTime() - start) / periodNanos + 1);
                for (long n = sent.get(); n < due; n = sent.incrementAndGet()) {
                    send(n, start + n * periodNanos);
                }
            }, 0, 1, TimeUnit.MILLISECONDS);
            long next = every.toNanos();
            while (System.nanoTime() - start < length.toNanos()) {
                long wait = start + next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, length.toNanos() - (System.nanoTime() - start)));
                }
                if (System.nanoTime() - start >= next) {
                    sample.sample(Duration.ofNanos(System.nanoTime() - start), interval.snapshot(true));
                    next += every.toNanos();
                }
            }
        } finally {
            clock.shutdownNow();
        }
        long drainUntil = System.nanoTime() + drain.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        sample.sample(Duration.ofNanos(System.nanoTime() - start), interval.snapshot(true));
    }

    private void send(long n, long dueNanos) {
        Call call = calls.apply(n);
        Tally kind = perKind.get(call.kind());
        inFlight.incrementAndGet();
        http.sendAsync(call.request(), HttpResponse.BodyHandlers.discarding()).whenComplete((answer, failure) -> {
            long latency = System.nanoTime() - dueNanos;
            if (failure != null) {
                kind.failed(latency);
                interval.failed(latency);
            } else {
                boolean ok = call.expected().contains(answer.statusCode());
                kind.answered(latency, answer.statusCode(), ok);
                interval.answered(latency, answer.statusCode(), ok);
            }
            inFlight.decrementAndGet();
        });
    }

    /** Requests sent so far, and still waiting for their answers. */
    long sent() {
        return sent.get();
    }

    long inFlight() {
        return inFlight.get();
    }

    Snapshot ofKind(Kind kind) {
        return perKind.get(kind).snapshot(false);
    }

    /** Called every interval with the time since the start and the interval's answers. */
    interface Sampler {
        void sample(Duration elapsed, Snapshot interval);
    }
}
