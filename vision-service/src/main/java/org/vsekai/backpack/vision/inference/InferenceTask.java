package org.vsekai.backpack.vision.inference;

import org.vsekai.backpack.vision.model.LoadedModel;

/** One model run on one worker: an interactive request, or one model's share of a micro-batch of frames. */
public interface InferenceTask {

    LoadedModel model();

    Lane lane();

    /** Images the run takes; what the batch size is measured in. */
    int images();

    /** Does the work and reports its outcome itself; never throws. */
    void run();
}
