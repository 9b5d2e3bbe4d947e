package org.vsekai.backpack.vision.inference;

/**
 * One model run on one worker: an interactive request, one model's share of a micro-batch of frames, or one step of
 * long work (a generation's model run).
 */
public interface InferenceTask {

    /** The model the run counts against: its name. */
    String model();

    /** Runs of that model at once at most ({@code max-concurrent}). */
    int budget();

    Lane lane();

    /** Images the run takes (tokens, for a generation's step); what the batch size is measured in. */
    int images();

    /** Does the work and reports its outcome itself; never throws. */
    void run();
}
