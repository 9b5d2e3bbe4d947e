package org.vsekai.backpack.metadata.jsonld;

import java.time.Duration;

/** Limits for plain JUnit tests, where no configuration is read: the defaults of {@link JsonLdLimits}, or others. */
public record TestLimits(int maxDocumentBytes, int maxDepth, int maxNodes, int maxExpansionGrowth, int minOutputNodes,
                  int maxOutputNodes, long maxOutputChars, boolean embedAlways, Duration timeout, int workers, int queue)
        implements JsonLdLimits {

    public static TestLimits defaults() {
        return new TestLimits(1_048_576, 64, 100_000, 20, 10_000, 500_000, 33_554_432L, false, Duration.ofSeconds(5),
                2, 32);
    }

    TestLimits withMaxDocumentBytes(int value) {
        return new TestLimits(value, maxDepth, maxNodes, maxExpansionGrowth, minOutputNodes, maxOutputNodes,
                maxOutputChars, embedAlways, timeout, workers, queue);
    }

    TestLimits withMaxNodes(int value) {
        return new TestLimits(maxDocumentBytes, maxDepth, value, maxExpansionGrowth, minOutputNodes, maxOutputNodes,
                maxOutputChars, embedAlways, timeout, workers, queue);
    }

    TestLimits withGrowth(int growth, int minOutput) {
        return new TestLimits(maxDocumentBytes, maxDepth, maxNodes, growth, minOutput, maxOutputNodes, maxOutputChars,
                embedAlways, timeout, workers, queue);
    }

    TestLimits withMaxOutputChars(long value) {
        return new TestLimits(maxDocumentBytes, maxDepth, maxNodes, maxExpansionGrowth, minOutputNodes,
                maxOutputNodes, value, embedAlways, timeout, workers, queue);
    }

    TestLimits withEmbedAlways(boolean value) {
        return new TestLimits(maxDocumentBytes, maxDepth, maxNodes, maxExpansionGrowth, minOutputNodes,
                maxOutputNodes, maxOutputChars, value, timeout, workers, queue);
    }

    TestLimits withTimeout(Duration value) {
        return new TestLimits(maxDocumentBytes, maxDepth, maxNodes, maxExpansionGrowth, minOutputNodes,
                maxOutputNodes, maxOutputChars, embedAlways, value, workers, queue);
    }

    TestLimits withWorkers(int workerCount, int queueLength) {
        return new TestLimits(maxDocumentBytes, maxDepth, maxNodes, maxExpansionGrowth, minOutputNodes,
                maxOutputNodes, maxOutputChars, embedAlways, timeout, workerCount, queueLength);
    }
}
