package org.vsekai.backpack.vision.inference;

/**
 * One task handed to a worker, as the scheduler's recent history keeps it.
 *
 * @param sequence           dispatch order, from 1
 * @param interactiveWaiting interactive requests still queued when this task started
 * @param streamWaiting      stream tasks still queued when this task started
 * @param modelInFlight      runs of this model in progress, this one included
 */
public record Dispatch(long sequence, Lane lane, String model, int images, int interactiveWaiting,
                       int streamWaiting, int modelInFlight) {
}
