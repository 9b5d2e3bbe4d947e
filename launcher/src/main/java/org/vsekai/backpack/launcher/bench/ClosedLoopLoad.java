package org.vsekai.backpack.launcher.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * A closed-loop HTTP/1.1 load generator, as wrk is one: a fixed number of keep-alive connections, each sending its
 * next request as soon as the previous answer has been read in full. Blocking sockets, one thread per connection, and
 * requests prepared as bytes up front, so that the generator itself costs little CPU on a machine it shares with the
 * services it measures. Requests are taken in turn from a list (one per user's token, say), each connection starting
 * at a different place in it. Only requests that start inside the measured window count.
 */
final class ClosedLoopLoad {

    /** One GET: its path and headers, made into the bytes sent on the wire. */
    record Request(String path, Map<String, String> headers) {

        byte[] bytes(String host) {
            StringBuilder text = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                    .append("\r\n");
            headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
            return text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * What one run measured: requests answered in the window, per status; failures (connection errors, timeouts);
     * latencies in nanoseconds of every answered request, sorted.
     */
    record Result(int connections, double seconds, Map<Integer, Long> statuses, long failures, long[] nanos) {

        long answered() {
            return nanos.length;
        }

        double perSecond() {
            return answered() / seconds;
        }

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        long successes() {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue)
                    .sum();
        }

        /** Answers that were neither a success nor a rate limit's 429, and failures. */
        long errors() {
            return answered() - successes() - count(429) + failures;
        }

        /** The latency at quantile {@code q} (0.5, 0.99, 0.999), in milliseconds; NaN when nothing was answered. */
        double millisAt(double q) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(nanos.length - 1, Math.ceil(q * nanos.length) - 1);
            return nanos[Math.max(0, index)] / 1e6;
        }
    }

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final URI target;
    private final List<byte[]> requests;

    ClosedLoopLoad(URI target, List<Request> requests) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("no requests to send");
        }
        this.target = target;
        String host = target.getHost() + ":" + target.getPort();
        this.requests = requests.stream().map(request -> request.bytes(host)).toList();
    }

    /** Runs {@code connections} connections for {@code warmUp} (not counted), then for {@code measured}. */
    Result run(int connections, Duration warmUp, Duration measured) throws InterruptedException {
        long start = System.nanoTime() + 50_000_000L; // every connection opens before the clock starts
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        List<Connection> loops = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            Connection loop = new Connection(c * requests.size() / connections, measureFrom, measureUntil, done);
            loops.add(loop);
            Thread thread = new Thread(loop, "load-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        Map<Integer, Long> statuses = new TreeMap<>();
        long failures = 0;
        int total = 0;
        for (Connection loop : loops) {
            loop.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
            failures += loop.failures;
            total += loop.count;
        }
        long[] nanos = new long[total];
        int at = 0;
        for (Connection loop : loops) {
            System.arraycopy(loop.nanos, 0, nanos, at, loop.count);
            at += loop.count;
        }
        Arrays.sort(nanos);
        return new Result(connections, measured.toNanos() / 1e9, statuses, failures, nanos);
    }

    /** One connection's loop: send, read the whole answer, record, again; reconnect after a failure or a close. */
    private final class Connection implements Runnable {

        private final long measureFrom;
        private final long measureUntil;
        private final CountDownLatch done;
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private int next;
        private long failures;
        private long[] nanos = new long[1 << 14];
        private int count;
        private final byte[] line = new byte[8192];

        /** Each connection goes through every request in turn, from its own place in the list. */
        Connection(int first, long measureFrom, long measureUntil, CountDownLatch done) {
            this.next = first;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.done = done;
        }

        @Override
        public void run() {
            try {
                while (System.nanoTime() < measureUntil) {
                    try (Socket socket = new Socket()) {
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                        socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), READ_TIMEOUT_MILLIS);
                        exchange(socket.getOutputStream(), new BufferedInputStream(socket.getInputStream(), 16384));
                    } catch (IOException e) {
                        if (System.nanoTime() < measureUntil && System.nanoTime() >= measureFrom) {
                            failures++;
                        }
                        pause(); // a refused connection is tried again, but not in a tight loop
                    }
                }
            } finally {
                done.countDown();
            }
        }

        private static void pause() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Requests on one connection until the window ends or the server closes it. */
        private void exchange(OutputStream out, InputStream in) throws IOException {
            while (true) {
                long sent = System.nanoTime();
                if (sent >= measureUntil) {
                    return;
                }
                byte[] request = requests.get(next);
                next = (next + 1) % requests.size();
                out.write(request);
                out.flush();
                Answer answer = readAnswer(in);
                long took = System.nanoTime() - sent;
                if (sent >= measureFrom) {
                    record(answer.status(), took);
                }
                if (answer.closes()) {
                    return;
                }
            }
        }

        private void record(int status, long took) {
            statuses.merge(status, 1L, Long::sum);
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, nanos.length * 2);
            }
            nanos[count++] = took;
        }

        private Answer readAnswer(InputStream in) throws IOException {
            String statusLine = readLine(in);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.x answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = statusLine.startsWith("HTTP/1.0");
            for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    chunked = value.toLowerCase().contains("chunked");
                } else if (name.equalsIgnoreCase("connection")) {
                    closes = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                for (long size = chunkSize(readLine(in)); size > 0; size = chunkSize(readLine(in))) {
                    skip(in, size);
                    readLine(in);
                }
                for (String trailer = readLine(in); !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers are read and dropped
                }
            } else if (length >= 0) {
                skip(in, length);
            } else {
                throw new IOException("an answer without Content-Length or chunked encoding");
            }
            return new Answer(status, closes);
        }

        private long chunkSize(String line) {
            int extension = line.indexOf(';');
            return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
        }

        private String readLine(InputStream in) throws IOException {
            int length = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the connection closed mid-answer");
                }
                if (b == '\n') {
                    break;
                }
                if (b != '\r' && length < line.length) {
                    line[length++] = (byte) b;
                }
            }
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }

        private void skip(InputStream in, long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                int read = in.read(line, 0, (int) Math.min(line.length, left));
                if (read < 0) {
                    throw new EOFException("the connection closed mid-body");
                }
                left -= read;
            }
        }
    }

    private record Answer(int status, boolean closes) {
    }
}
