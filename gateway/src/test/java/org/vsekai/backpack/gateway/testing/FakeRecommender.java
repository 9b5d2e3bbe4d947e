package org.vsekai.backpack.gateway.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

/**
 * Stands in for the recommender-service, a peer outside the gateway, with the REST contract it serves. For
 * {@code GET /users/{id}/recommendations?limit=N} the user id picks the behaviour, so tests need no set-up:
 * {@code missing-*} 404 problem, {@code refused-*} 409 plain text, {@code broken-*} always 500,
 * {@code flaky-*} 500 once then fine, {@code slow-*} answers after {@link #SLOW_ANSWER_MILLIS}, {@code tagged-*} with
 * {@link #TAGGED_HEADERS} (and {@code X-Recommender-Node}, for the gateway to drop); anyone else gets
 * {@code limit} items. Other paths answer what a test set with {@link #answer}. Every request is recorded.
 */
public final class FakeRecommender extends StubPeer {

    public static final long SLOW_ANSWER_MILLIS = 10_000;
    /** Headers that describe the answer's entity, which the gateway relays as they are. */
    public static final Map<String, String> TAGGED_HEADERS = Map.of("ETag", "\"recs-7\"",
            "Cache-Control", "private, max-age=5");
    private static final Pattern PATH = Pattern.compile("/users/([^/]+)/recommendations");

    private final Map<String, List<String>> queriesByUser = new ConcurrentHashMap<>();

    public FakeRecommender() {
        super("recommender");
    }

    /** The query strings of every recommendation request for this user, in arrival order. */
    public List<String> queriesFor(String userId) {
        return new ArrayList<>(queriesByUser.getOrDefault(userId, List.of()));
    }

    @Override
    protected void handle(HttpExchange exchange, Received request) throws IOException {
        Matcher path = PATH.matcher(request.path());
        if (!"GET".equals(request.method()) || !path.matches()) {
            super.handle(exchange, request);
            return;
        }
        String userId = path.group(1);
        String query = request.query();
        List<String> queries = queriesByUser.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>());
        queries.add(query == null ? "" : query);
        if (userId.startsWith("missing-")) {
            respond(exchange, 404, "application/problem+json", """
                    {"type":"https://backpack.v-sekai.org/problems/unknown-user","title":"Unknown user",\
                    "status":404,"detail":"No interactions of %s yet","instance":"/users/%s/recommendations"}"""
                    .formatted(userId, userId), Map.of());
        } else if (userId.startsWith("refused-")) {
            respond(exchange, 409, "text/plain", "not now", Map.of());
        } else if (userId.startsWith("broken-") || userId.startsWith("flaky-") && queries.size() == 1) {
            respond(exchange, 500, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}", Map.of());
        } else {
            if (userId.startsWith("slow-")) {
                sleep(SLOW_ANSWER_MILLIS);
            }
            Map<String, String> headers = new java.util.HashMap<>();
            if (userId.startsWith("tagged-")) {
                headers.putAll(TAGGED_HEADERS);
                headers.put("X-Recommender-Node", "node-3");
            }
            respond(exchange, 200, "application/json", recommendations(userId, limitIn(query)), headers);
        }
    }

    /** The body of a successful answer for this user and limit, as the fake sends it. */
    public static String recommendations(String userId, int limit) {
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
}
