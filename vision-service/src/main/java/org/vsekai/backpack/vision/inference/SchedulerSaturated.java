package org.vsekai.backpack.vision.inference;

/** The interactive lane is full: the request is refused at once rather than queued without bound. */
public class SchedulerSaturated extends RuntimeException {

    public SchedulerSaturated(String message) {
        super(message, null, false, false);
    }
}
