package org.vsekai.backpack.contracts.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.EventJson;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/** The typed state keeps the JSON the recommender answered and the gateway relayed when it was a string. */
class TrainingJobJsonTest {

    @Test
    void eachStateIsWrittenAndReadAsTheNameItHadAsAString() throws Exception {
        Instant at = Instant.parse("2026-11-26T15:15:00.123456Z");
        for (TrainingState state : TrainingState.values()) {
            TrainingJob job = new TrainingJob("job-1", state, "admin", at, null, null, null, null, null);
            String json = EventJson.mapper().writeValueAsString(job);
            assertThat(EventJson.mapper().readTree(json).get("state").textValue()).isEqualTo(state.name());
            assertThat(EventJson.mapper().readValue(json, TrainingJob.class)).isEqualTo(job);
        }
        assertThat(TrainingState.values()).extracting(TrainingState::name)
                .containsExactly("QUEUED", "RUNNING", "SUCCEEDED", "FAILED");
    }

    @Test
    void theEvaluationFiguresRoundTripAndASkippedOneKeepsOnlyWhy() throws Exception {
        Instant at = Instant.parse("2026-12-03T08:10:00Z");
        TrainingJob evaluated = new TrainingJob("job-2", TrainingState.SUCCEEDED, "admin", at, at, at, "v2", 40, null,
                new TrainingEvaluation("ials", 0.41, 0.12, 0.6, 25, null));
        String json = EventJson.mapper().writeValueAsString(evaluated);
        assertThat(EventJson.mapper().readTree(json).path("evaluation").path("ndcgAt10").doubleValue())
                .isEqualTo(0.41);
        assertThat(EventJson.mapper().readValue(json, TrainingJob.class)).isEqualTo(evaluated);

        TrainingJob skipped = new TrainingJob("job-3", TrainingState.SUCCEEDED, "admin", at, at, at, "v3", 2, null,
                TrainingEvaluation.skipped("ials", "too few users"));
        String skippedJson = EventJson.mapper().writeValueAsString(skipped);
        assertThat(EventJson.mapper().readTree(skippedJson).path("evaluation").has("ndcgAt10")).isFalse();
        assertThat(EventJson.mapper().readValue(skippedJson, TrainingJob.class)).isEqualTo(skipped);
    }

    @Test
    void aJobAsTheRecommenderAnsweredBeforeReadsTheSame() throws Exception {
        TrainingJob job = EventJson.mapper().readValue(
                "{\"id\":\"j1\",\"state\":\"SUCCEEDED\",\"trigger\":\"admin\",\"modelVersion\":\"v1\","
                        + "\"interactions\":12}", TrainingJob.class);
        assertThat(job.state()).isEqualTo(TrainingState.SUCCEEDED);
        assertThat(job.evaluation()).isNull();
        assertThat(job.state().finished()).isTrue();
        assertThat(TrainingState.RUNNING.finished()).isFalse();
        assertThatThrownBy(() -> EventJson.mapper().readValue("{\"id\":\"j2\",\"state\":\"DONE\"}",
                TrainingJob.class)).isInstanceOf(InvalidFormatException.class);
    }
}
