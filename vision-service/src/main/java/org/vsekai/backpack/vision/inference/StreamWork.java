package org.vsekai.backpack.vision.inference;

import java.util.List;

/** Where the scheduler takes stream work from when no interactive request waits: the admitted camera frames. */
public interface StreamWork {

    /** Up to {@code maxFrames} frames as one task per stream model; empty when no frame waits. */
    List<InferenceTask> nextBatch(int maxFrames);

    /** Frames not yet processed: behind in Kafka plus admitted; what the batch size adapts to. */
    long backlog();
}
