package org.vsekai.backpack.metadata.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdVersion;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.json.JsonLdComparison;
import com.apicatalog.jsonld.loader.SchemeRouter;

/**
 * The W3C JSON-LD 1.1 expand, compact, flatten and frame suites, run through {@link JsonLdProcessor} with its
 * limits, from {@code ../shared/data/jsonld/jsonld-api-tests} (skipped when that folder is absent). Results are
 * compared with JSON-LD object comparison (arrays unordered except {@code @list}); a negative test passes when the
 * same error code is raised. Tests listed in {@code jsonld/known-failures.txt} are skipped with their reason; any
 * other failure fails the suite, and each one is named with its reason.
 */
class JsonLdConformanceTest {

    private static Path suite;
    private static SuiteLoader loader;
    private static JsonLdProcessor processor;
    private static Map<String, String> knownFailures;

    @BeforeAll
    static void findSuite() {
        suite = repositoryRoot().getParent().resolve("shared/data/jsonld/jsonld-api-tests").normalize();
        Assumptions.assumeTrue(Files.isDirectory(suite),
                "W3C JSON-LD test suites not found at " + suite + "; conformance is not checked in this run");
        loader = new SuiteLoader(suite);
        // The production limits, except that the framing suite needs "@embed": "@always", which production refuses.
        processor = new JsonLdProcessor(new SchemeRouter().set("https", loader).set("http", loader),
                TestLimits.defaults().withEmbedAlways(true));
        knownFailures = readKnownFailures();
    }

    @AfterAll
    static void close() {
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void expand() {
        runSuite("expand");
    }

    @Test
    void compact() {
        runSuite("compact");
    }

    @Test
    void flatten() {
        runSuite("flatten");
    }

    @Test
    void frame() {
        runSuite("frame");
    }

    private void runSuite(String name) {
        JsonObject manifest = read(suite.resolve(name + "-manifest.jsonld")).asJsonObject();
        String base = manifest.getString("baseIri");
        int passed = 0;
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> nowPassing = new ArrayList<>();
        for (JsonValue entry : manifest.getJsonArray("sequence")) {
            JsonObject test = entry.asJsonObject();
            String id = name + test.getString("@id");
            JsonObject option = test.containsKey("option") ? test.getJsonObject("option") : JsonValue.EMPTY_JSON_OBJECT;
            if ("json-ld-1.0".equals(option.getString("specVersion", null))) {
                skipped.add(id + ": JSON-LD 1.0 only");
                continue;
            }
            String failure;
            try {
                failure = run(name, base, test, option);
            } catch (RuntimeException | AssertionError e) {
                failure = "harness: " + e;
            }
            String known = knownFailures.get(id);
            if (known != null) {
                skipped.add(id + ": known failure: " + known);
                if (failure == null) {
                    nowPassing.add(id);
                }
            } else if (failure == null) {
                passed++;
            } else {
                failed.add(id + " (" + test.getString("name", "") + "): " + failure);
            }
        }
        StringBuilder report = new StringBuilder().append(String.format(Locale.ROOT,
                "JSON-LD %s suite: %d passed, %d failed, %d skipped%n", name, passed, failed.size(), skipped.size()));
        failed.forEach(f -> report.append("  FAILED ").append(f).append('\n'));
        skipped.forEach(s -> report.append("  skipped ").append(s).append('\n'));
        nowPassing.forEach(p -> report.append("  listed as known failure but passes now: ").append(p).append('\n'));
        System.out.print(report);
        assertThat(failed).as("unlisted failures of the %s suite", name).isEmpty();
    }

    /** @return null when the test passes, else why it failed */
    private String run(String suiteName, String base, JsonObject test, JsonObject option) {
        URI inputUrl = URI.create(base + test.getString("input"));
        Document input = load(inputUrl);
        ProcessingOptions options = ProcessingOptions.defaults()
                .withBase(option.containsKey("base") ? URI.create(option.getString("base")) : inputUrl);
        if (option.containsKey("processingMode")) {
            options = options.withProcessingMode(JsonLdVersion.of(option.getString("processingMode")));
        }
        if (option.containsKey("expandContext")) {
            options = options.withExpandContext(load(URI.create(base + option.getString("expandContext"))));
        }
        if (option.containsKey("compactArrays")) {
            options = options.withCompactArrays(option.getBoolean("compactArrays"));
        }
        if (option.containsKey("compactToRelative")) {
            options = options.withCompactToRelative(option.getBoolean("compactToRelative"));
        }
        if (option.containsKey("ordered")) {
            options = options.withOrdered(option.getBoolean("ordered"));
        }
        if (option.containsKey("omitGraph")) {
            options = options.withOmitGraph(option.getBoolean("omitGraph"));
        }
        Document context = test.containsKey("context") ? load(URI.create(base + test.getString("context"))) : null;
        Document frame = test.containsKey("frame") ? load(URI.create(base + test.getString("frame"))) : null;
        int nodes = nodes(input) + nodes(context) + nodes(frame);

        JsonStructure result;
        try {
            result = switch (suiteName) {
                case "expand" -> processor.expand(input, options, nodes);
                case "compact" -> processor.compact(input, ContextInput.inline(context), options, nodes);
                case "flatten" -> processor.flatten(input, context == null ? null : ContextInput.inline(context),
                        options, nodes);
                case "frame" -> processor.frame(input, frame, options, nodes);
                default -> throw new IllegalArgumentException(suiteName);
            };
        } catch (JsonLdRejection rejection) {
            String expected = test.getString("expectErrorCode", null);
            if (expected == null) {
                return "unexpected error " + rejection.getMessage();
            }
            return codeOf(expected).equals(rejection.code()) ? null
                    : "expected error \"" + expected + "\" but got " + rejection.getMessage();
        }
        if (test.containsKey("expectErrorCode")) {
            return "expected error \"" + test.getString("expectErrorCode") + "\" but got a result: " + result;
        }
        JsonStructure expected = read(suite.resolve(test.getString("expect")));
        return JsonLdComparison.equals(expected, result) ? null
                : "result differs\n      expected: " + expected + "\n      actual:   " + result;
    }

    /** The suite names errors as the specification writes them: "invalid @id value" is INVALID_KEYWORD_ID_VALUE. */
    static JsonLdErrorCode codeOf(String specName) {
        String name = specName.trim().replace("@", "keyword ").toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", "_");
        try {
            return JsonLdErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int nodes(Document document) {
        return document == null ? 0 : BoundedJsonReader.count(document.getJsonContent().orElseThrow(),
                Integer.MAX_VALUE);
    }

    private static Document load(URI url) {
        try {
            return loader.loadDocument(url, null);
        } catch (com.apicatalog.jsonld.JsonLdError e) {
            throw new IllegalStateException("cannot load " + url + ": " + e.getMessage(), e);
        }
    }

    private static JsonStructure read(Path file) {
        try (InputStream in = Files.newInputStream(file); jakarta.json.JsonReader reader = jakarta.json.Json
                .createReader(in)) {
            return reader.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> readKnownFailures() {
        Map<String, String> known = new LinkedHashMap<>();
        try (InputStream in = JsonLdConformanceTest.class.getResourceAsStream("/jsonld/known-failures.txt")) {
            if (in == null) {
                return known;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] idAndReason = trimmed.split("\\s+", 2);
                known.put(idAndReason[0], idAndReason.length > 1 ? idAndReason[1] : "(no reason given)");
            }
            return known;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder of the Maven wrapper above the module, whatever folder the test runs in. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.exists(at.resolve("mvnw")) && Files.exists(at.resolve("metadata-service"))) {
                return at;
            }
        }
        return dir.getParent();
    }
}
