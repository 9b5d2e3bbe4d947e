package org.vsekai.backpack.vision.generate;

import java.util.ArrayList;
import java.util.List;

import org.vsekai.backpack.contracts.generation.GenerationSummary;

/** A sink that keeps what it was sent, in order (thread-safe: steps may run on another thread). */
final class RecordingSink implements GenerationSink {

    final List<String> reasoning = new ArrayList<>();
    final List<String> answer = new ArrayList<>();
    volatile GenerationSummary summary;
    volatile Exception error;

    @Override
    public synchronized void reasoning(String text) {
        reasoning.add(text);
    }

    @Override
    public synchronized void answer(String text) {
        answer.add(text);
    }

    @Override
    public void done(GenerationSummary summary) {
        this.summary = summary;
    }

    @Override
    public void failed(Exception error) {
        this.error = error;
    }

    synchronized String reasoningText() {
        return String.join("", reasoning);
    }

    synchronized String answerText() {
        return String.join("", answer);
    }
}
