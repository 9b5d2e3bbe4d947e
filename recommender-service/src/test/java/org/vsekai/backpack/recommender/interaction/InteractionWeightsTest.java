package org.vsekai.backpack.recommender.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.interaction.ActivityType;

class InteractionWeightsTest {

    private static Map<String, Float> all() {
        Map<String, Float> weights = new HashMap<>();
        weights.put("view", 1f);
        weights.put("visit", 2f);
        weights.put("Like", 3f);
        weights.put("ADD", 5f);
        weights.put("remove", 0f);
        return weights;
    }

    @Test
    void readsAWeightPerTypeWhateverTheCaseAndTheExcludingTypes() {
        InteractionWeights weights = new InteractionWeights(all(), List.of("view", " like"));
        assertThat(weights.weight(ActivityType.LIKE)).isEqualTo(3f);
        assertThat(weights.weight(ActivityType.ADD)).isEqualTo(5f);
        assertThat(weights.weight(ActivityType.REMOVE)).isZero();
        assertThat(weights.excludes(ActivityType.VIEW)).isTrue();
        assertThat(weights.excludes(ActivityType.LIKE)).isTrue();
        assertThat(weights.excludes(ActivityType.ADD)).isFalse();
        assertThat(weights.excludes(ActivityType.VISIT)).isFalse();
    }

    @Test
    void refusesAMissingNegativeOrUnknownWeight() {
        Map<String, Float> missing = all();
        missing.remove("visit");
        assertThatThrownBy(() -> new InteractionWeights(missing, List.of())).hasMessageContaining("VISIT");
        Map<String, Float> negative = all();
        negative.put("view", -1f);
        assertThatThrownBy(() -> new InteractionWeights(negative, List.of())).hasMessageContaining("view");
        Map<String, Float> unknown = all();
        unknown.put("share", 1f);
        assertThatThrownBy(() -> new InteractionWeights(unknown, List.of())).hasMessageContaining("share");
        assertThatThrownBy(() -> new InteractionWeights(all(), List.of("poke"))).hasMessageContaining("poke");
    }
}
