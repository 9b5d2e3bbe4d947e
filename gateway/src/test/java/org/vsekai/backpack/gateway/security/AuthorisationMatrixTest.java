package org.vsekai.backpack.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.vsekai.backpack.gateway.testing.FakePeersResource;
import org.vsekai.backpack.gateway.testing.FakePeersResource.FakePeers;
import org.vsekai.backpack.gateway.testing.FakePeersResource.InjectFakePeers;
import org.vsekai.backpack.gateway.testing.FakeRecommender;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource;
import org.vsekai.backpack.gateway.testing.FakeRecommenderResource.InjectFakeRecommender;
import org.vsekai.backpack.gateway.testing.StubPeer;
import org.vsekai.backpack.gateway.testing.TestKeysResource;
import org.vsekai.backpack.gateway.testing.TestTokens;
import org.vsekai.backpack.testkit.KafkaResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;

/**
 * Every operation of the gateway's own OpenAPI document, called by every kind of caller: so a route is covered the day
 * it is added, and its documentation is held to what it does. Forged and stale tokens are refused everywhere (even on a
 * public route: a client that sends a token means to be someone); a secured route refuses the anonymous; an admin
 * route refuses a user; a route on {@code /users/{id}} refuses another user; everyone else gets past the gateway's
 * checks with a status the operation documents. The matrix is written to {@code target/authorisation-matrix.md}.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeRecommenderResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakePeersResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
class AuthorisationMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** A path parameter that names a user: the caller's own id unless the cell is another user's. */
    private static final Pattern USER_SEGMENT = Pattern.compile("/users/\\{([^}]+)}");
    private static final Map<String, Map<Caller, Integer>> MATRIX = new TreeMap<>();
    /** The JDK's default: h2c on its first request, HTTP/2 from then on (BodyLimitTest covers bodiless ones). */
    private static final HttpClient HTTP = HttpClient.newHttpClient();



    enum Caller {
        NO_TOKEN, EXPIRED, BAD_SIGNATURE, ALG_NONE, HS256_PUBLIC_KEY, OTHER_USER, USER, ADMIN;

        boolean forged() {
            return this == EXPIRED || this == BAD_SIGNATURE || this == ALG_NONE || this == HS256_PUBLIC_KEY;
        }
    }

    /** One operation as the document describes it. */
    record Operation(String method, String path, boolean secured, boolean adminOnly, Set<Integer> documented,
            String mediaType, List<String> requiredQuery, boolean streams) {

        String name() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    @Inject
    CircuitBreakerMaintenance circuits;

    @TestHTTPResource("/")
    URI gateway;

    @InjectFakeRecommender
    FakeRecommender recommender;

    @InjectFakePeers
    FakePeers peers;

    /** Another class's deliberate failures may have opened a circuit (%test keeps it open for a minute). */
    @BeforeEach
    void closeTheCircuits() {
        circuits.resetAll();
    }

    @TestFactory
    Stream<DynamicTest> everyOperationForEveryCaller() throws IOException {
        List<Operation> operations = operations();
        assertThat(operations).as("operations of /api/v1 in the document").hasSizeGreaterThan(20);
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : operations) {
            for (Caller caller : Caller.values()) {
                tests.add(DynamicTest.dynamicTest(operation.name() + " as " + caller, () -> check(operation, caller)));
            }
        }
        return tests.stream();
    }

    /** The document's own claims that make the matrix mean something. */
    @Test
    void theDocumentMarksSecuredAndAdminOperations() throws IOException {
        List<Operation> operations = operations();
        assertThat(operations).filteredOn(Operation::adminOnly).extracting(Operation::name)
                .contains("POST /api/v1/admin/training", "GET /api/v1/admin/training/jobs");
        assertThat(operations).filteredOn(operation -> !operation.secured()).extracting(Operation::name)
                .contains("GET /api/v1/items/{id}/similar");
        assertThat(operations).filteredOn(Operation::secured)
                .allSatisfy(operation -> assertThat(operation.documented()).as(operation.name()).contains(401));
    }

    private void check(Operation operation, Caller caller) throws Exception {
        String self = "user-" + UUID.randomUUID();
        String other = "user-" + UUID.randomUUID();
        // The cell's own trace: the gateway continues it, so a service's request carrying it came from this call.
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
        Answer response = operation.streams() ? stream(operation, caller, self, traceparent)
                : new Answer(request(operation, caller, self, other, traceparent));
        int status = response.statusCode();
        boolean reachedAPeer = peerRequests(traceId) > 0;
        synchronized (MATRIX) {
            MATRIX.computeIfAbsent(operation.name(), name -> new TreeMap<>()).put(caller, status);
        }
        // A user's own resources: a /users/{id} path, or an activity whose actor the body names.
        boolean ownedByAUser = USER_SEGMENT.matcher(operation.path()).find()
                || operation.path().startsWith("/api/v1/interactions");
        if (caller.forged() || caller == Caller.NO_TOKEN && operation.secured()) {
            assertThat(status).as(operation.name() + " as " + caller).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.wwwAuthenticate()).startsWith("Bearer");
            assertThat(reachedAPeer).as(operation.name() + " as " + caller + " reached a service").isFalse();
        } else if (operation.adminOnly() && caller != Caller.ADMIN
                || caller == Caller.OTHER_USER && ownedByAUser && !operation.adminOnly()) {
            assertThat(status).as(operation.name() + " as " + caller).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(reachedAPeer).as(operation.name() + " as " + caller + " reached a service").isFalse();
        } else if (status == 404 && reachedAPeer) {
            // The stand-in services know no ids of this test: their 404 problem relayed is what a client would get.
            assertThat(response.contentType()).startsWith("application/problem+json");
        } else {
            assertThat(status).as(operation.name() + " as " + caller + ": past the gateway's checks")
                    .isNotIn(401, 403);
            assertThat(operation.documented()).as(operation.name() + " as " + caller + " answered " + status
                    + " (" + response.body() + "): a documented status").contains(status);
        }
    }

    /** What a cell looks at of an answer. */
    private record Answer(int statusCode, String contentType, String wwwAuthenticate, String body) {

        Answer(Response response) {
            this(response.statusCode(), response.contentType(), response.header("WWW-Authenticate"),
                    response.asString());
        }
    }

    /**
     * A stream (server-sent events) ends only when its client goes: its status and headers are read, then the
     * connection is closed. Its operations take no path parameters of a user; a body when they declare one.
     */
    private Answer stream(Operation operation, Caller caller, String self, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(operation.path()))
                .header("traceparent", traceparent)
                .method(operation.method().toUpperCase(Locale.ROOT), operation.mediaType() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body(operation, self)))
                .timeout(Duration.ofSeconds(30));
        if (operation.mediaType() != null) {
            request.header("Content-Type", operation.mediaType());
        }
        String token = token(caller, self);
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            String text = response.statusCode() == 200 ? "" : new String(body.readAllBytes());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("WWW-Authenticate").orElse(null), text);
        }
    }

    private long peerRequests(String traceId) {
        return recommender.receivedWithHeader("traceparent", traceId)
                + peers.all().stream().mapToLong(peer -> peer.receivedWithHeader("traceparent", traceId)).sum();
    }

    private static Response request(Operation operation, Caller caller, String self, String other,
            String traceparent) {
        RequestSpecification request = given().config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                // The paths are the document's with ids of letters, digits and dashes: sent as written (":batch" too).
                .urlEncodingEnabled(false);
        request.header("traceparent", traceparent);
        String token = token(caller, self);
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        String owner = caller == Caller.OTHER_USER ? other : self;
        if (operation.mediaType() != null) {
            request.contentType(operation.mediaType()).body(body(operation, owner));
        }
        for (String name : operation.requiredQuery()) {
            request.queryParam(name, "1");
        }
        Matcher users = USER_SEGMENT.matcher(operation.path());
        String path = users.replaceAll("/users/" + owner);
        path = PARAMETER.matcher(path).replaceAll(match -> "id-" + UUID.randomUUID());
        return request.when().request(operation.method().toUpperCase(Locale.ROOT), path);
    }

    /**
     * A body of the declared type: enough to pass the gateway's checks, what the service makes of it is its own. A JSON
     * body is an activity of {@code actor} (one, or a batch of one), which the other JSON routes take as any document.
     */
    private static byte[] body(Operation operation, String actor) {
        if (!operation.mediaType().contains("json")) {
            return new byte[] {0, 1, 2, 3, 4, 5, 6, 7};
        }
        String activity = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"type\":\"Like\",\"actor\":\""
                + actor + "\",\"object\":\"item-1\",\"published\":\"" + Instant.now() + "\"}";
        return (operation.path().endsWith(":batch") ? "[" + activity + "]" : activity).getBytes();
    }

    private static String token(Caller caller, String self) {
        return switch (caller) {
            case NO_TOKEN -> null;
            case EXPIRED -> TestTokens.claims(self, List.of("user", "admin"))
                    .with("iat", Instant.now().minusSeconds(7200).getEpochSecond())
                    .with("nbf", Instant.now().minusSeconds(7200).getEpochSecond())
                    .with("exp", Instant.now().minusSeconds(3600).getEpochSecond()).sign();
            case BAD_SIGNATURE -> TestTokens.claims(self, List.of("user", "admin"))
                    .withSignatureOf(TestTokens.claims(self, List.of("user")));
            case ALG_NONE -> TestTokens.claims(self, List.of("user", "admin")).unsigned();
            case HS256_PUBLIC_KEY -> TestTokens.claims(self, List.of("user", "admin")).hs256WithPublicKey();
            case OTHER_USER, USER -> TestTokens.user(self);
            case ADMIN -> TestTokens.admin(self);
        };
    }

    private static List<Operation> operations() throws IOException {
        JsonNode document = JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asByteArray());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = methods.next();
                if (METHODS.contains(entry.getKey())) {
                    operations.add(operation(entry.getKey(), path.getKey(), entry.getValue()));
                }
            }
        }
        return operations;
    }

    private static Operation operation(String method, String path, JsonNode node) {
        boolean secured = false;
        boolean adminOnly = false;
        boolean anonymousAllowed = false;
        for (JsonNode requirement : node.path("security")) {
            if (requirement.isEmpty()) {
                anonymousAllowed = true; // {} among the requirements: no token is one way in
            }
            for (JsonNode scope : requirement.path("bearer")) {
                adminOnly |= scope.asText().equals("admin");
            }
            secured |= requirement.has("bearer");
        }
        Set<Integer> documented = new LinkedHashSet<>();
        node.path("responses").fieldNames().forEachRemaining(status -> documented.add(Integer.parseInt(status)));
        Iterator<String> types = node.path("requestBody").path("content").fieldNames();
        String mediaType = types.hasNext() ? types.next() : null;
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : node.path("parameters")) {
            if (parameter.path("in").asText().equals("query") && parameter.path("required").asBoolean()) {
                query.add(parameter.path("name").asText());
            }
        }
        boolean streams = node.path("responses").path("200").path("content").has("text/event-stream");
        return new Operation(method, path, secured && !anonymousAllowed, adminOnly, documented, mediaType, query,
                streams);
    }

    @AfterAll
    static void writeTheMatrix() throws IOException {
        if (MATRIX.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder("| operation |");
        for (Caller caller : Caller.values()) {
            table.append(' ').append(caller.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" |");
        }
        table.append('\n').append("|---".repeat(Caller.values().length + 1)).append("|\n");
        MATRIX.forEach((operation, cells) -> {
            table.append("| `").append(operation).append("` |");
            for (Caller caller : Caller.values()) {
                table.append(' ').append(cells.getOrDefault(caller, 0)).append(" |");
            }
            table.append('\n');
        });
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/authorisation-matrix.md"), table);
    }
}
