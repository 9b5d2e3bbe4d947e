package org.vsekai.backpack.metadata.jsonld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vsekai.backpack.metadata.context.BundledContextLoader;
import org.vsekai.backpack.metadata.context.BundledContexts;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;

/** The processor with the production loader and limits, without Quarkus: results, offline contexts, each limit. */
class JsonLdProcessorTest {

    private static final BundledContexts CONTEXTS = BundledContexts.load();

    private JsonLdProcessor processor;

    @AfterEach
    void close() {
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void backpackTermsExpandToSchemaOrgWhereOneExistsAndToOurNamespaceElse() {
        processor = processor(TestLimits.defaults());
        BoundedJsonReader.Parsed parsed = reader(TestLimits.defaults()).read(bytes("""
                {"@context": "https://backpack.v-sekai.org/contexts/backpack.jsonld",
                 "id": "urn:backpack:item:chair", "type": "Prop", "name": "Chair", "keywords": ["wood", "seat"],
                 "license": "https://creativecommons.org/licenses/by/4.0/", "dateCreated": "2026-11-26"}"""));

        JsonArray expanded = processor.expand(JsonDocument.of((JsonStructure) parsed.value()),
                ProcessingOptions.defaults(), parsed.nodes());

        JsonObject node = expanded.getJsonObject(0);
        assertThat(node.getJsonArray("@type").getString(0)).isEqualTo("https://backpack.v-sekai.org/ns#Prop");
        assertThat(node.getJsonArray("http://schema.org/name").getJsonObject(0).getString("@value"))
                .isEqualTo("Chair");
        assertThat(node.getJsonArray("http://schema.org/keywords")).hasSize(2);
        assertThat(node.getJsonArray("http://schema.org/license").getJsonObject(0).getString("@id"))
                .isEqualTo("https://creativecommons.org/licenses/by/4.0/");
        assertThat(node.getJsonArray("http://schema.org/dateCreated").getJsonObject(0).getString("@type"))
                .isEqualTo("http://schema.org/Date");
    }

    /** Found by JsonLdFuzzTest: Titanium's compaction failed with a ClassCastException, which was a 500. */
    @Test
    void aDocumentThatTheProcessorFailsOnInsideIsA422() {
        processor = processor(TestLimits.defaults());
        String backpack = "https://backpack.v-sekai.org/contexts/backpack.jsonld";
        BoundedJsonReader.Parsed parsed = reader(TestLimits.defaults()).read(bytes("{\"@context\": \"" + backpack
                + "\", \"id\": \"urn:backpack:item:chair\", \"type\": \"Prop\", \"@type\": [\"wood\", \"seat\"]}"));

        assertThatThrownBy(() -> processor.compact(JsonDocument.of((JsonStructure) parsed.value()),
                ContextInput.named(URI.create(backpack)), ProcessingOptions.defaults(), parsed.nodes()))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().detail()).contains("ClassCastException");
                });
    }

    @Test
    void ourProtectedTermsCannotBeRedefinedByALaterContext() {
        processor = processor(TestLimits.defaults());
        // schema.org defines Map for a map picture; after the Backpack context that is a protected-term collision.
        // Terms both contexts define alike (name, dateCreated, id, type) are no collision.
        assertThatThrownBy(() -> processor.expand(document("""
                {"@context": ["https://backpack.v-sekai.org/contexts/backpack.jsonld", "https://schema.org/"],
                 "name": "x"}"""), ProcessingOptions.defaults(), 4))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.code()).isEqualTo(JsonLdErrorCode.PROTECTED_TERM_REDEFINITION);
                    assertThat(e.problem().type()).endsWith("/jsonld/protected-term-redefinition");
                });

        JsonArray expanded = processor.expand(document("""
                {"@context": ["https://schema.org/", "https://backpack.v-sekai.org/contexts/backpack.jsonld"],
                 "type": "Map", "name": "Lobby"}"""), ProcessingOptions.defaults(), 6);
        assertThat(expanded.getJsonObject(0).getJsonArray("@type").getString(0))
                .isEqualTo("https://backpack.v-sekai.org/ns#Map");
    }

    @Test
    void compactingToABundledContextByUrlRefersToItByThatUrl() {
        processor = processor(TestLimits.defaults());
        Document expanded = document("""
                [{"@type": ["http://schema.org/Person"], "http://schema.org/name": [{"@value": "Ada"}]}]""");

        JsonObject compacted = processor.compact(expanded, ContextInput.named(URI.create("https://schema.org/")),
                ProcessingOptions.defaults(), 10);

        assertThat(compacted.getString("@context")).isEqualTo("https://schema.org/");
        assertThat(compacted.getString("type")).isEqualTo("Person");
        assertThat(compacted.getString("name")).isEqualTo("Ada");
    }

    @Test
    void aContextThatIsNotBundledIsRefusedAndNeverFetched() throws IOException {
        processor = processor(TestLimits.defaults());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/context.jsonld";

            assertThatThrownBy(() -> processor.expand(document("{\"@context\": \"" + url + "\", \"a\": 1}"),
                    ProcessingOptions.defaults(), 3))
                    .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                        assertThat(e.code()).isEqualTo(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED);
                        assertThat(e.problem().status()).isEqualTo(422);
                        assertThat(e.problem().detail()).contains(url);
                    });
            assertThatThrownBy(server::accept).as("no connection was attempted")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void anImportOfAnUnbundledContextIsRefusedToo() {
        processor = processor(TestLimits.defaults());

        assertThatThrownBy(() -> processor.expand(document("""
                {"@context": {"@version": 1.1, "@import": "https://evil.example/c.jsonld"}, "a": 1}"""),
                ProcessingOptions.defaults(), 5))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.code()).isEqualTo(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED);
                    assertThat(e.problem().detail()).contains("https://evil.example/c.jsonld");
                });
    }

    @Test
    void contextsThatReferToEachOtherInALoopStopWithAnError() {
        // Only possible with a loader serving such contexts; the production one serves none, but the processor must
        // not depend on that.
        DocumentLoader looping = (url, options) -> switch (url.toString()) {
            case "https://loop.example/a" -> document("{\"@context\": [\"https://loop.example/b\"]}");
            case "https://loop.example/b" -> document("{\"@context\": [\"https://loop.example/a\"]}");
            default -> throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, url.toString());
        };
        processor = new JsonLdProcessor(looping, TestLimits.defaults());
        long started = System.nanoTime();

        assertThatThrownBy(() -> processor.expand(document("{\"@context\": \"https://loop.example/a\", \"x\": 1}"),
                ProcessingOptions.defaults(), 3))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    // Titanium stops after 256 nested remote contexts.
                    assertThat(e.code()).isEqualTo(JsonLdErrorCode.CONTEXT_OVERFLOW);
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().detail()).contains("Too many contexts");
                });
        report("remote context loop", started);
    }

    @Test
    void anImportThatImportsAgainIsAnError() {
        DocumentLoader importing = (url, options) -> document("{\"@context\": {\"@import\": \"" + url + "\"}}");
        processor = new JsonLdProcessor(importing, TestLimits.defaults());

        assertThatThrownBy(() -> processor.expand(document("""
                {"@context": {"@version": 1.1, "@import": "https://loop.example/i"}, "x": 1}"""),
                ProcessingOptions.defaults(), 5))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> assertThat(e.code())
                        .isEqualTo(JsonLdErrorCode.INVALID_CONTEXT_ENTRY));
    }

    @Test
    void deepNestingIsRefusedBeforeParsingIntoATree() {
        BoundedJsonReader reader = reader(TestLimits.defaults());
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        long started = System.nanoTime();

        assertThatThrownBy(() -> reader.read(bytes(deep)))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(413);
                    assertThat(e.problem().type()).endsWith("nesting-depth");
                });
        report("200,000 nested arrays (400 kB)", started);
        assertThat(reader.read(bytes("[".repeat(64) + "]".repeat(64))).nodes()).isEqualTo(64);
    }

    @Test
    void tooManyValuesAreRefused() {
        BoundedJsonReader reader = reader(TestLimits.defaults().withMaxNodes(1000));

        assertThat(reader.read(bytes("[" + "0,".repeat(998) + "0]")).nodes()).isEqualTo(1000);
        assertThatThrownBy(() -> reader.read(bytes("[" + "0,".repeat(999) + "0]")))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(413);
                    assertThat(e.problem().type()).endsWith("node-count");
                });
    }

    @Test
    void tooManyBytesAreRefused() {
        BoundedJsonReader reader = reader(TestLimits.defaults().withMaxDocumentBytes(100));

        assertThat(reader.read(bytes("\"" + "a".repeat(98) + "\"")).nodes()).isEqualTo(1);
        assertThatThrownBy(() -> reader.read(new java.io.ByteArrayInputStream(bytes("\"" + "a".repeat(99) + "\""))))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(413);
                    assertThat(e.problem().type()).endsWith("document-size");
                });
    }

    @Test
    void malformedJsonIsA400() {
        assertThatThrownBy(() -> reader(TestLimits.defaults()).read(bytes("{\"document\": [1, 2")))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    void aResultThatGrowsBeyondTheLimitIsRefused() {
        processor = processor(TestLimits.defaults().withGrowth(20, 1000).withEmbedAlways(true));
        // Every one of 200 nodes refers to one hub with 200 values; framing with @embed @always copies the hub
        // into each of them: about 200 x 200 values out of about 800 in.
        Document input = document(hubAndSpokes(200, 200));
        Document frame = document("""
                {"@context": {"@vocab": "http://example.org/"}, "@type": "Spoke", "@embed": "@always"}""");
        int nodes = BoundedJsonReader.count(input.getJsonContent().orElseThrow(), Integer.MAX_VALUE) + 5;
        long started = System.nanoTime();

        assertThatThrownBy(() -> processor.frame(input, frame, ProcessingOptions.defaults(), nodes))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().type()).endsWith("expansion-growth");
                });
        report("framing 200 spokes x 200-value hub", started);
    }

    @Test
    void aLongPrefixUsedByManyValuesIsRefusedBeforeItIsExpanded() {
        processor = processor(TestLimits.defaults());
        // 3,000 values of "p:i" with a 200,000-character prefix: a 230 kB document whose expansion would hold
        // 600 million characters (without the check: OutOfMemoryError in a 384 MB service, measured).
        Document bomb = document(longPrefix(200_000, 3_000, false));
        long started = System.nanoTime();

        assertThatThrownBy(() -> processor.expand(bomb, ProcessingOptions.defaults(), 3_010))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().type()).endsWith("/jsonld-limit/output-size");
                    assertThat(e.problem().detail()).contains("200020 characters");
                });
        report("200,000-character prefix x 3,000 values", started);
        // The same prefix defined in a property-scoped context is found as well.
        assertThatThrownBy(() -> processor.flatten(document(longPrefix(200_000, 3_000, true)), null,
                ProcessingOptions.defaults(), 3_010))
                .isInstanceOfSatisfying(JsonLdRejection.class,
                        e -> assertThat(e.problem().type()).endsWith("/jsonld-limit/output-size"));
    }

    @Test
    void aLongIriUsedAFewTimesIsExpanded() {
        processor = processor(TestLimits.defaults());

        JsonArray expanded = processor.expand(document(longPrefix(200_000, 10, true)), ProcessingOptions.defaults(),
                30);

        JsonArray values = expanded.getJsonObject(0).getJsonArray("http://example.org/holder").getJsonObject(0)
                .getJsonArray("http://example.org/k");
        assertThat(values).hasSize(10);
        assertThat(values.getJsonObject(9).getString("@id")).hasSize(200_021).endsWith("#9");
    }

    @Test
    void theOutputEstimateIsNeverBelowWhatExpansionAndFlatteningMake() {
        processor = processor(TestLimits.defaults());
        java.util.List<String> documents = java.util.List.of(
                """
                {"@context": "https://backpack.v-sekai.org/contexts/backpack.jsonld",
                 "id": "urn:backpack:item:chair", "type": "Prop", "name": "Chair", "keywords": ["wood", "seat"],
                 "license": "https://creativecommons.org/licenses/by/4.0/", "dateCreated": "2026-11-26"}""",
                """
                {"@context": [{"@base": "https://example.org/a/very/long/base/path/for/relative/identifiers/",
                               "@vocab": "https://example.org/vocabulary/of/some/length#"},
                              {"ex": "https://example.org/prefix/", "t": {"@id": "ex:term", "@type": "@id"}}],
                 "@id": "x", "@type": "Thing", "t": ["y", "z"], "ex:k": 1, "plain": "s",
                 "nested": {"@id": "_:b", "t": "w", "deeper": [{"@value": "v", "@language": "en"}, 2, true]}}""",
                """
                {"@context": {"@vocab": "https://example.org/v/",
                              "s": {"@id": "https://example.org/s", "@context": {"q": "https://example.org/q/"}}},
                 "s": {"q:a": "b", "s": {"q:c": {"q:d": "e"}}}, "@included": [{"q:e": 1}]}""",
                longPrefix(1_000, 50, true));
        for (String json : documents) {
            JsonStructure content = document(json).getJsonContent().orElseThrow();
            com.apicatalog.jsonld.JsonLdOptions options = new com.apicatalog.jsonld.JsonLdOptions(
                    BundledContextLoader.of(CONTEXTS));
            int longest = surveyLongestIri(document(json), options);
            long estimate = JsonLdProcessor.expandedCharsBound(content, longest);

            long expanded = chars(processor.expand(document(json), ProcessingOptions.defaults(), 1_000));
            long flattened = chars(processor.flatten(document(json), null, ProcessingOptions.defaults(), 1_000));

            assertThat(expanded).as(json).isPositive().isLessThanOrEqualTo(estimate);
            assertThat(flattened).as(json).isPositive().isLessThanOrEqualTo(estimate);
        }
    }

    private static int surveyLongestIri(Document document, com.apicatalog.jsonld.JsonLdOptions options) {
        try {
            return TermCollisions.survey(document, options, false).longestIri();
        } catch (JsonLdError e) {
            throw new AssertionError(e);
        }
    }

    /** Characters of every key and string in a result, what {@link JsonLdProcessor#expandedCharsBound} bounds. */
    private static long chars(jakarta.json.JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> value.asJsonObject().entrySet().stream()
                    .mapToLong(member -> member.getKey().length() + chars(member.getValue())).sum();
            case ARRAY -> value.asJsonArray().stream().mapToLong(JsonLdProcessorTest::chars).sum();
            case STRING -> ((jakarta.json.JsonString) value).getString().length();
            default -> 0;
        };
    }

    /**
     * A prefix of about {@code length} characters and {@code values} identifiers "p:i" using it, the prefix defined
     * at the top or in the scoped context of the property holding the values.
     */
    static String longPrefix(int length, int values, boolean scoped) {
        String prefix = "\"p\": \"http://example.org/" + "x".repeat(length) + "#\"";
        String term = "\"k\": {\"@id\": \"http://example.org/k\", \"@type\": \"@id\"}";
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < values; i++) {
            list.append(i == 0 ? "" : ",").append("\"p:").append(i).append('"');
        }
        if (!scoped) {
            return "{\"@context\": {" + prefix + ", " + term + "}, \"k\": [" + list + "]}";
        }
        return "{\"@context\": {\"holder\": {\"@id\": \"http://example.org/holder\", \"@context\": {" + prefix
                + ", " + term + "}}}, \"holder\": {\"k\": [" + list + "]}}";
    }

    @Test
    void aFrameThatEmbedsAlwaysIsRefusedUnlessAllowed() {
        processor = processor(TestLimits.defaults());
        long started = System.nanoTime();

        // With "@embed": "@always" allowed, a graph of shared references frames to an exponentially large tree.
        assertThatThrownBy(() -> processor.frame(document(hubAndSpokes(20, 20)), document("""
                {"@context": {"@vocab": "http://example.org/", "embedding": "@embed"}, "@type": "Spoke",
                 "hub": {"embedding": "@always"}}"""), ProcessingOptions.defaults(), 200))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().type()).endsWith("embed-always");
                });
        report("frame with an aliased @embed @always", started);
    }

    @Test
    void aDocumentWhoseFramingCouldOutgrowTheLimitIsNotFramed() {
        processor = processor(TestLimits.defaults());
        Document frame = document("""
                {"@context": {"@vocab": "http://example.org/"}, "@type": "Spoke"}""");
        long started = System.nanoTime();

        // @once embeds the 1000-value hub under each of the 1000 spokes: ~1,000,000 values from a 166 kB input
        // (~850 MB of heap when measured without this check).
        assertThatThrownBy(() -> processor.frame(document(hubAndSpokes(1000, 1000)), frame,
                ProcessingOptions.defaults(), 7000))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().type()).endsWith("frame-size");
                });
        report("framing 1000 spokes x 1000-value hub", started);

        JsonObject framed = processor.frame(document(hubAndSpokes(20, 20)), frame, ProcessingOptions.defaults(),
                200);
        assertThat(framed.getJsonArray("@graph")).hasSize(20);
        assertThat(framed.getJsonArray("@graph").getJsonObject(0).getJsonObject("hub")).containsKey("v19");
    }

    @Test
    void aScopedContextBombStopsAtTheTimeout() {
        processor = processor(TestLimits.defaults().withTimeout(Duration.ofSeconds(1)));
        // Each value of "p" brings the whole schema.org context (3,081 terms) back into scope: a few kilobytes of
        // input make the processor define millions of terms.
        Document bomb = document(scopedContextBomb(20_000));
        long started = System.nanoTime();

        assertThatThrownBy(() -> processor.expand(bomb, ProcessingOptions.defaults(), 60_000))
                .isInstanceOfSatisfying(JsonLdRejection.class, e -> {
                    assertThat(e.code()).isEqualTo(JsonLdErrorCode.PROCESSING_TIMEOUT_EXCEEDED);
                    assertThat(e.problem().status()).isEqualTo(422);
                });
        report("scoped-context bomb (20,000 x schema.org)", started);
    }

    @Test
    void aWorkerIsFreeAgainOnceItsRequestTimedOut() {
        processor = processor(TestLimits.defaults().withTimeout(Duration.ofSeconds(1)).withWorkers(1, 1));
        // 25,000 sibling nodes under a term whose scoped context defines 2,000 terms: the context walk would take
        // minutes if it processed that context once per node, and it holds the only worker meanwhile.
        StringBuilder scoped = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            scoped.append(i == 0 ? "" : ",").append("\"s").append(i).append("\": \"http://example.org/s").append(i)
                    .append('"');
        }
        String bomb = "{\"@context\": {\"t\": {\"@id\": \"http://example.org/t\", \"@context\": {" + scoped
                + "}}}, \"@id\": \"http://example.org/root\", \"http://example.org/has\": ["
                + "{\"t\": 1},".repeat(24_999) + "{\"t\": 1}]}";
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                processor.expand(document(bomb), ProcessingOptions.defaults(), 50_001);
            } catch (JsonLdRejection e) {
                assertThat(e.problem().status()).isEqualTo(422);
            }
        }

        JsonArray small = processor.expand(document("{\"@context\": {\"@vocab\": \"http://example.org/\"}, \"a\": 1}"),
                ProcessingOptions.defaults(), 3);

        assertThat(small.getJsonObject(0)).containsKey("http://example.org/a");
    }

    @Test
    void requestsBeyondTheWorkersAndQueueAreTurnedAway() {
        processor = processor(TestLimits.defaults().withTimeout(Duration.ofSeconds(1)).withWorkers(1, 1));
        Document bomb = document(scopedContextBomb(20_000));
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            clients.submit(() -> processor.expand(bomb, ProcessingOptions.defaults(), 60_000));
            clients.submit(() -> processor.expand(bomb, ProcessingOptions.defaults(), 60_000));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThatThrownBy(() -> processor.expand(bomb, ProcessingOptions.defaults(), 60_000))
                            .isInstanceOfSatisfying(JsonLdRejection.class,
                                    e -> assertThat(e.problem().status()).isEqualTo(503)));
        } finally {
            clients.shutdownNow();
        }
    }

    static String scopedContextBomb(int values) {
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i < values; i++) {
            graph.append(i == 0 ? "" : ",").append("{\"p\": {\"name\": \"n\"}}");
        }
        return "{\"@context\": {\"@version\": 1.1, \"p\": {\"@id\": \"http://example.org/p\", "
                + "\"@context\": \"https://schema.org/\"}}, \"@graph\": [" + graph + "]}";
    }

    static String hubAndSpokes(int spokes, int hubValues) {
        StringBuilder hub = new StringBuilder("{\"@id\": \"http://example.org/hub\"");
        for (int i = 0; i < hubValues; i++) {
            hub.append(", \"http://example.org/v").append(i).append("\": ").append(i);
        }
        hub.append('}');
        StringBuilder graph = new StringBuilder(hub);
        for (int i = 0; i < spokes; i++) {
            graph.append(", {\"@id\": \"http://example.org/s").append(i)
                    .append("\", \"@type\": \"http://example.org/Spoke\", \"http://example.org/hub\": "
                            + "{\"@id\": \"http://example.org/hub\"}}");
        }
        return "{\"@graph\": [" + graph + "]}";
    }

    private static void report(String what, long startedNanos) {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("hostile input: %s refused after %d ms (heap in use now %d MB)%n", what,
                (System.nanoTime() - startedNanos) / 1_000_000, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }

    private static JsonLdProcessor processor(TestLimits limits) {
        return new JsonLdProcessor(BundledContextLoader.of(CONTEXTS), limits);
    }

    private static BoundedJsonReader reader(TestLimits limits) {
        return new BoundedJsonReader(limits);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static JsonDocument document(String json) {
        return JsonDocument.of((JsonStructure) Json.createReader(new java.io.StringReader(json)).readValue());
    }

}
