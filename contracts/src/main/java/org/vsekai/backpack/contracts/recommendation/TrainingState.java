package org.vsekai.backpack.contracts.recommendation;

/**
 * Where a training run of the recommender is. A run is queued, then running, then succeeded or failed; one that
 * was queued or running when the service stopped is failed at its next start. In JSON (and in the recommender's
 * {@code training_jobs.state} column) the value is the constant's name, {@code "SUCCEEDED"} for instance.
 */
public enum TrainingState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    /** Whether the run is over: nothing will change it any more. */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
