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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJob(String id, TrainingState state, String trigger, Instant requestedAt, Instant startedAt,
                          Instant finishedAt, String modelVersion, Integer interactions, String error) {
}
