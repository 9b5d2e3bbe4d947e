package org.vsekai.backpack.metadata.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.json.JsonStructure;

import org.vsekai.backpack.metadata.context.BundledContextLoader;
import org.vsekai.backpack.metadata.context.BundledContexts;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * JSON-LD API bodies ({@code {"document": ..., "context": ..., "frame": ...}}), fuzzed through what the metadata
 * service does with them, without Quarkus: the bounded reader, the request's members ({@link JsonLdRequest}), then
 * each operation of the bounded processor with the bundled contexts (expansion, expansion to store with the
 * namespace policy, compaction, flattening, framing). Each either answers within the output limits or refuses with
 * {@link JsonLdRejection} (a 400, 413, 422 or 503 problem); nothing else may escape, which would be a 500.
 */
class JsonLdFuzzTest {

    private static final JsonLdLimits LIMITS = TestLimits.defaults().withTimeout(Duration.ofSeconds(2));
    private static final BoundedJsonReader READER = new BoundedJsonReader(LIMITS);
    private static final JsonLdProcessor PROCESSOR = new JsonLdProcessor(
            BundledContextLoader.of(BundledContexts.load()), LIMITS);

    @FuzzTest(maxDuration = "5s")
    void processesOrRefusesWithAProblem(byte[] body) {
        JsonLdRequest request;
        try {
            request = JsonLdRequest.of(READER.read(body));
        } catch (JsonLdRejection refused) {
            assertThat(refused.problem().status()).isIn(400, 413, 422);
            return;
        }
        int nodes = request.nodes();
        assertThat(nodes).isBetween(1, LIMITS.maxNodes());
        answersWithinLimits(nodes, () -> PROCESSOR.expand(request.document(), request.expandOptions(), nodes));
        answersWithinLimits(nodes, () -> PROCESSOR.expandToStore(request.document(), nodes));
        answersWithinLimits(nodes, () -> PROCESSOR.compact(request.document(), request.context(true),
                ProcessingOptions.defaults(), nodes));
        answersWithinLimits(nodes, () -> PROCESSOR.flatten(request.document(), request.context(false),
                ProcessingOptions.defaults(), nodes));
        answersWithinLimits(nodes, () -> PROCESSOR.frame(request.document(), request.structure("frame"),
                ProcessingOptions.defaults(), nodes));
    }

    private static void answersWithinLimits(int inputNodes, Supplier<JsonStructure> operation) {
        try {
            JsonStructure result = operation.get();
            long allowed = Math.min(LIMITS.maxOutputNodes(),
                    Math.max(LIMITS.minOutputNodes(), (long) inputNodes * LIMITS.maxExpansionGrowth()));
            assertThat((long) BoundedJsonReader.count(result, (int) allowed)).isLessThanOrEqualTo(allowed);
            assertThat((long) result.toString().length()).isLessThanOrEqualTo(LIMITS.maxOutputChars());
        } catch (JsonLdRejection refused) {
            assertThat(refused.problem().status()).isIn(400, 413, 422, 503);
        }
    }
}
