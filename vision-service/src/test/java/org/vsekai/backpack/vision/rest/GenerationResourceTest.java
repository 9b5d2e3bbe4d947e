package org.vsekai.backpack.vision.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.http.Problem;
import org.vsekai.backpack.testkit.KafkaResource;
import org.vsekai.backpack.vision.Frames;
import org.vsekai.backpack.vision.inference.Dispatch;
import org.vsekai.backpack.vision.inference.InferenceScheduler;
import org.vsekai.backpack.vision.inference.Lane;
import org.vsekai.backpack.vision.generate.GenerationService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * {@code POST /generate} over HTTP: the tiny decoder's tokens as server-sent events, the reasoning apart, the problems
 * before any event, a client that goes stopping its generation, the deadline, and the long lane giving way to
 * interactive requests.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class GenerationResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String PROBLEMS = Problem.TYPE_BASE + "generation/";

    @TestHTTPResource("/generate")
    URI generate;

    @Inject
    GenerationService generations;

    @Inject
    InferenceScheduler scheduler;

    @AfterEach
    void release() {
        scheduler.release();
        Awaitility.await().until(() -> generations.running() == 0);
    }

    record Event(String name, JsonNode data) {
    }

    /** Reads events until done or error (or until {@code max} have come, then closes the connection). */
    private List<Event> events(String body, int max) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(generate)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<Event> events = new ArrayList<>();
        try (InputStream in = response.body();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && name != null) {
                    events.add(new Event(name, JSON.readTree(data.toString())));
                    if (name.equals("done") || name.equals("error") || events.size() >= max) {
                        return events;
                    }
                    name = null;
                    data.setLength(0);
                }
            }
        }
        return events;
    }

    private static String text(List<Event> events, String name) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.name().equals(name)).forEach(e -> text.append(e.data().path("text").asText()));
        return text.toString();
    }

    @Test
    void theTokensComeAsEventsWithTheReasoningApart() throws Exception {
        List<Event> events = events("{\"prompt\": \"zf\", \"model\": \"tiny\"}", 1000);

        Event done = events.get(events.size() - 1);
        assertThat(done.name()).isEqualTo("done");
        assertThat(done.data().path("finish").asText()).isEqualTo("eos");
        assertThat(done.data().path("reasoning").asText()).isEqualTo("aemthxnin.vjwl tfo terthezrbgq");
        assertThat(done.data().path("answer").asText()).isEqualTo("ciuhsdkyp");
        assertThat(text(events, "reasoning")).isEqualTo("aemthxnin.vjwl tfo terthezrbgq");
        assertThat(text(events, "answer")).isEqualTo("ciuhsdkyp");
        assertThat(events.stream().filter(e -> e.name().equals("answer")).count()).as("one event a token")
                .isEqualTo(9);
        assertThat(done.data().path("reasoningTokens").asInt()).isEqualTo(26);
        assertThat(done.data().path("answerTokens").asInt()).isEqualTo(9);
        assertThat(done.data().path("promptTokens").asInt()).isEqualTo(2);
        assertThat(done.data().path("version").asText()).hasSize(12);
    }

    @Test
    void aStopStringAndTheBudgetsAreTheRequests() throws Exception {
        List<Event> stopped = events("{\"prompt\": \"zf\", \"model\": \"tiny\", \"stop\": [\"hs\"]}", 1000);
        assertThat(stopped.get(stopped.size() - 1).data().path("finish").asText()).isEqualTo("stop");
        assertThat(text(stopped, "answer")).isEqualTo("ciu");

        // <think> a e m, then </think> put in: (28 + 8 + 1 + 3 + 7 + 15 + 2 + 7) mod 37 = 34 (er), then 32 (the).
        List<Event> cut = events("{\"prompt\": \"zf\", \"model\": \"tiny\", \"reasoningTokens\": 4, "
                + "\"maxTokens\": 2}", 1000);
        JsonNode done = cut.get(cut.size() - 1).data();
        assertThat(done.path("reasoning").asText()).isEqualTo("aem");
        assertThat(done.path("answer").asText()).isEqualTo("erthe");
        assertThat(done.path("reasoningCut").asBoolean()).isTrue();
        assertThat(done.path("finish").asText()).isEqualTo("length");
        assertThat(done.path("answerTokens").asInt()).isEqualTo(2);
    }

    @Test
    void requestsTheServiceDoesNotTakeAreProblemsBeforeAnyEvent() {
        problem("{\"model\": \"tiny\"}", 400, "bad-request").body("detail", containsString("prompt"));
        problem("{\"prompt\": \"ab\", \"model\": \"nope\"}", 404, "unknown-model");
        problem("{\"prompt\": \"ab\"}", 400, "bad-request").body("detail", containsString("names one of"));
        problem("{\"prompt\": \"ab\", \"model\": \"tiny\", \"temperature\": -1}", 400, "bad-request");
        problem("{\"prompt\": \"ab\", \"model\": \"tiny\", \"topP\": 0}", 400, "bad-request");
        problem("{\"prompt\": \"ab\", \"model\": \"tiny\", \"maxTokens\": 0}", 400, "bad-request");
        problem("{\"prompt\": \"ab\", \"model\": \"tiny\", \"stop\": [\"\"]}", 400, "bad-request");
        problem("{\"prompt\": \"ABC\", \"model\": \"tiny\"}", 400, "empty-prompt");
        problem("{\"prompt\": \"" + "a".repeat(600) + "\", \"model\": \"tiny\"}", 413, "prompt-too-long");
    }

    @Test
    void aClientThatGoesStopsItsGeneration() throws Exception {
        long before = generations.finished("cancelled");
        List<Event> first = events("{\"prompt\": \"ab\", \"model\": \"tiny-endless\", \"maxTokens\": 50000}", 3);
        assertThat(first).hasSize(3);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> generations.finished("cancelled") > before);
        assertThat(generations.running()).isZero();
    }

    @Test
    void theDeadlineEndsALongGeneration() throws Exception {
        List<Event> events = events("{\"prompt\": \"ab\", \"model\": \"tiny-endless\", \"maxTokens\": 50000, "
                + "\"deadlineMs\": 200}", 100_000);
        JsonNode done = events.get(events.size() - 1).data();
        assertThat(done.path("finish").asText()).isEqualTo("deadline");
        assertThat(done.path("answerTokens").asInt()).isBetween(1, 49_999);
    }

    @Test
    void moreGenerationsThanTheBudgetAreRefused() throws Exception {
        scheduler.hold(); // the three stay admitted, their first steps queued
        List<CompletableFuture<List<Event>>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return events("{\"prompt\": \"ab\", \"model\": \"tiny\"}", 1000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Awaitility.await().until(() -> generations.running() == 3);

        problem("{\"prompt\": \"ab\", \"model\": \"tiny\"}", 503, "busy");
        scheduler.release();
        for (CompletableFuture<List<Event>> generation : running) {
            List<Event> events = generation.join();
            assertThat(events.get(events.size() - 1).data().path("finish").asText()).isEqualTo("eos");
        }
    }

    @Test
    void generationStepsGiveWayToInteractiveRequests() throws Exception {
        long before = scheduler.recentDispatches().stream().mapToLong(Dispatch::sequence).max().orElse(0);
        scheduler.hold();
        CompletableFuture<List<Event>> generation = CompletableFuture.supplyAsync(() -> {
            try {
                return events("{\"prompt\": \"ab\", \"model\": \"tiny-endless\", \"maxTokens\": 300}", 100_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Awaitility.await().until(() -> scheduler.queued(Lane.LONG) == 1);
        // One request per model: each model runs one at a time (max-concurrent 1), so none waits for its budget.
        byte[] image = Frames.png(8, 8, 0);
        List<CompletableFuture<Integer>> interactive = new ArrayList<>();
        for (String model : List.of("rf-detr", "yolo-nas-pose", "yolov8-pose")) {
            interactive.add(CompletableFuture.supplyAsync(() -> given().contentType("image/png").body(image)
                    .post("/infer/" + model).then().extract().statusCode()));
        }
        Awaitility.await().until(() -> scheduler.queued(Lane.INTERACTIVE) == 3);
        scheduler.release();

        interactive.forEach(request -> assertThat(request.join()).isEqualTo(200));
        List<Event> events = generation.join();
        assertThat(events.get(events.size() - 1).data().path("finish").asText()).isEqualTo("length");
        List<Dispatch> after = scheduler.recentDispatches().stream().filter(d -> d.sequence() > before).toList();
        assertThat(after.subList(0, 3)).extracting(Dispatch::lane).containsOnly(Lane.INTERACTIVE);
        assertThat(after).filteredOn(d -> d.lane() == Lane.LONG).hasSizeGreaterThan(100)
                .allSatisfy(d -> {
                    assertThat(d.interactiveWaiting()).isZero();
                    assertThat(d.streamWaiting()).isZero();
                });
    }

    private static ValidatableResponse problem(String body, int status, String type) {
        return given().contentType("application/json").body(body).post("/generate").then().statusCode(status)
                .contentType(Problem.MEDIA_TYPE).body("type", equalTo(PROBLEMS + type));
    }
}
