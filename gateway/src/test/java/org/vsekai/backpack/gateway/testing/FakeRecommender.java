package org.vsekai.backpack.gateway.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the recommender-service, a peer outside the gateway, with the REST contract it serves
 * ({@code GET /users/{id}/recommendations?limit=N}). The user id picks the behaviour, so tests need no set-up:
 * {@code missing-*} 404 problem, {@code refused-*} 409 plain text, {@code broken-*} always 500,
 * {@code flaky-*} 500 once then fine, {@code slow-*} answers after {@link #SLOW_ANSWER_MILLIS}; anyone else gets
 * {@code limit} items. Every request is recorded.
 */
public final class FakeRecommender {

    public static final long SLOW_ANSWER_MILLIS = 10_000;
    private static final Pattern PATH = Pattern.compile("/users/([^/]+)/recommendations");

    private final Map<String, List<String>> queriesByUser = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-recommender");
        thread.setDaemon(true);
        return thread;
    });
    private volatile HttpServer server;
    private volatile int port;

    public synchronized void start() {
        server = bind(port);
        port = server.getAddress().getPort();
        server.createContext("/users/", this::handle);
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

    /** The query strings of every request for this user, in arrival order. */
    public List<String> queriesFor(String userId) {
        return new ArrayList<>(queriesByUser.getOrDefault(userId, List.of()));
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!"GET".equals(exchange.getRequestMethod()) || !path.matches()) {
                respond(exchange, 404, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");
                return;
            }
            String userId = path.group(1);
            String query = exchange.getRequestURI().getRawQuery();
            List<String> queries = queriesByUser.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>());
            queries.add(query == null ? "" : query);
            if (userId.startsWith("missing-")) {
                respond(exchange, 404, "application/problem+json", """
                        {"type":"https://backpack.v-sekai.org/problems/unknown-user","title":"Unknown user",\
                        "status":404,"detail":"No interactions of %s yet","instance":"/users/%s/recommendations"}"""
                        .formatted(userId, userId));
            } else if (userId.startsWith("refused-")) {
                respond(exchange, 409, "text/plain", "not now");
            } else if (userId.startsWith("broken-") || userId.startsWith("flaky-") && queries.size() == 1) {
                respond(exchange, 500, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}");
            } else {
                if (userId.startsWith("slow-")) {
                    sleep(SLOW_ANSWER_MILLIS);
                }
                respond(exchange, 200, "application/json", recommendations(userId, limitIn(query)));
            }
        }
    }

    private static String recommendations(String userId, int limit) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < limit; i++) {
            items.append(i == 0 ? "" : ",")
                    .append("{\"itemId\":\"item-").append(i).append("\",\"score\":").append(1.0 - i / 1000.0)
                    .append(",\"because\":[\"seed-item\"]}");
        }
        return "{\"userId\":\"" + userId + "\",\"model\":\"fake@1\",\"items\":[" + items + "]}";
    }

    private static int limitIn(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("limit=")) {
                    return Integer.parseInt(pair.substring("limit=".length()));
                }
            }
        }
        return 10;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
