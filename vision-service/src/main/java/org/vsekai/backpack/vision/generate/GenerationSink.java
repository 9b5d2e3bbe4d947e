package org.vsekai.backpack.vision.generate;

import org.vsekai.backpack.contracts.generation.GenerationSummary;

/** Where a generation's text goes as it is made: the server-sent events of a request, or a test's record. */
public interface GenerationSink {

    /** New text of the model's reasoning. */
    void reasoning(String text);

    /** New text of the answer. */
    void answer(String text);

    /** The generation ended; nothing follows. */
    void done(GenerationSummary summary);

    /** The model failed; nothing follows. */
    void failed(Exception error);
}
