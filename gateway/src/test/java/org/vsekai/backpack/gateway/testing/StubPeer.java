package org.vsekai.backpack.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service behind the gateway (a peer outside it, reached over HTTP like the real one): answers
 * what a test told it to for a method and path, 404 problem otherwise, and records every request it got, headers
 * and body included, so a test can see exactly what the gateway forwarded.
 */
public class StubPeer {

    /** One request as the peer received it. */
    public record Received(String method, String path, String query, Headers headers, byte[] body) {

        public String header(String name) {
            return headers.getFirst(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A canned answer. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    private final String name;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Paths of requests whose headers arrived, before their bodies were read: streaming is seen here first. */
    private final List<String> started = new CopyOnWriteArrayList<>();
    /** Paths of requests whose bodies broke off (the caller reset the connection). */
    private final List<String> aborted = new CopyOnWriteArrayList<>();
    private final ExecutorService workers;
    private volatile HttpServer server;
    private volatile int port;

    public StubPeer(String name) {
        this.name = name;
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "stub-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public synchronized void start() {
        server = bind(port);
        port = server.getAddress().getPort();
        server.createContext("/", exchange -> {
            try (exchange) {
                started.add(exchange.getRequestURI().getPath());
                byte[] body;
                try {
                    body = readAll(exchange.getRequestBody());
                } catch (IOException broken) {
                    aborted.add(exchange.getRequestURI().getPath());
                    throw broken;
                }
                Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), copy(exchange.getRequestHeaders()), body);
                received.add(request);
                handle(exchange, request);
            }
        });
        server.setExecutor(workers);
        server.start();
    }

    /** Stops listening: calls are refused until {@link #start()} listens on the same port again. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public void close() {
        stop();
        workers.shutdownNow();
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public void answer(String method, String path, int status, String contentType, String body) {
        answer(method, path, new Answer(status, contentType, body, Map.of()));
    }

    public void answer(String method, String path, Answer answer) {
        answers.put(method + " " + path, answer);
    }

    /** Makes this method and path answer only after {@code millis}, as a service busy with the request would. */
    public void delay(String method, String path, long millis) {
        delays.put(method + " " + path, millis);
    }

    /** How many requests to this path had arrived, their bodies perhaps still coming. */
    public long startedAt(String path) {
        return started.stream().filter(path::equals).count();
    }

    /** How many requests to this path broke off before their bodies ended. */
    public long abortedAt(String path) {
        return aborted.stream().filter(path::equals).count();
    }

    /** Requests at any path with this header containing {@code part} (a trace id, say): whether a call reached it. */
    public long receivedWithHeader(String name, String part) {
        return received.stream().filter(r -> r.header(name) != null && r.header(name).contains(part)).count();
    }

    /** Every request to this path whose body was read to its end, in arrival order. */
    public List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The last request to this path; fails when there was none. */
    public Received lastAt(String path) {
        List<Received> at = receivedAt(path);
        if (at.isEmpty()) {
            throw new AssertionError(name + " got no request at " + path);
        }
        return at.get(at.size() - 1);
    }

    /** Answers a recorded request; a subclass may answer some itself. */
    protected void handle(HttpExchange exchange, Received request) throws IOException {
        String key = request.method() + " " + request.path();
        sleep(delays.getOrDefault(key, 0L));
        Answer answer = answers.get(key);
        if (answer == null) {
            respond(exchange, 404, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}", Map.of());
            return;
        }
        respond(exchange, answer.status(), answer.contentType(), answer.body(), answer.headers());
    }

    protected static void respond(HttpExchange exchange, int status, String type, String body,
                                  Map<String, String> headers) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        headers.forEach((header, value) -> exchange.getResponseHeaders().set(header, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Headers copy(Headers headers) {
        Headers copy = new Headers();
        headers.forEach((header, values) -> copy.put(header, List.copyOf(values)));
        return copy;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static HttpServer bind(int port) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        for (int attempt = 1; ; attempt++) {
            try {
                return HttpServer.create(address, 50);
            } catch (BindException e) {
                if (attempt == 50) {
                    throw new UncheckedIOException(e);
                }
                sleep(100); // the port of a just-stopped server can take a moment to free
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
