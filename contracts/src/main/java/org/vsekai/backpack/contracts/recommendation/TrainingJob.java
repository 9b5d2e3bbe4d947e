package org.vsekai.backpack.contracts.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One training run of the recommender, as the admin endpoints report it.
 *
 * @param id           the run's id (a UUID the recommender made)
 * @param state        where the run is
 * @param trigger      {@code admin}, {@code schedule}, {@code startup} or {@code erasure}
 * @param modelVersion the version the run produced, once it succeeded
 * @param error        why it failed, once it failed
 * @param evaluation   the trained model's offline figures, once it succeeded (absent for runs stored before them)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJob(String id, TrainingState state, String trigger, Instant requestedAt, Instant startedAt,
                          Instant finishedAt, String modelVersion, Integer interactions, String error,
                          TrainingEvaluation evaluation) {

    /** A run without figures (queued, running, failed). */
    public TrainingJob(String id, TrainingState state, String trigger, Instant requestedAt, Instant startedAt,
                       Instant finishedAt, String modelVersion, Integer interactions, String error) {
        this(id, state, trigger, requestedAt, startedAt, finishedAt, modelVersion, interactions, error, null);
    }
}
