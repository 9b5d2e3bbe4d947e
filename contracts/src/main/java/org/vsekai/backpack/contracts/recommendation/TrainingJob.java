package org.vsekai.backpack.contracts.recommendation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One training run of the recommender, as the admin endpoints report it.
 *
 * @param state        {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param trigger      {@code admin}, {@code schedule}, {@code startup} or {@code erasure}
 * @param modelVersion the version the run produced, once it succeeded
 * @param error        why it failed, once it failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJob(String id, String state, String trigger, Instant requestedAt, Instant startedAt,
                          Instant finishedAt, String modelVersion, Integer interactions, String error) {
}
