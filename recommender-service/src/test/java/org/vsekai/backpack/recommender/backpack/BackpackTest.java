package org.vsekai.backpack.recommender.backpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.interaction.ActivityType;

class BackpackTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void addOpensRemoveClosesAndALaterAddOpensAnew() {
        Backpack backpack = new Backpack();
        assertThat(backpack.apply(ActivityType.ADD, "a", T0)).isTrue();
        assertThat(backpack.apply(ActivityType.ADD, "a", T0.plusSeconds(10))).as("a repeated Add").isFalse();
        assertThat(backpack.items()).containsEntry("a", T0);

        assertThat(backpack.apply(ActivityType.REMOVE, "a", T0.plusSeconds(20))).isTrue();
        assertThat(backpack.contains("a")).isFalse();
        assertThat(backpack.apply(ActivityType.REMOVE, "a", T0.plusSeconds(30))).as("nothing to close").isFalse();

        assertThat(backpack.apply(ActivityType.ADD, "a", T0.plusSeconds(40))).isTrue();
        assertThat(backpack.items()).containsEntry("a", T0.plusSeconds(40));
    }

    @Test
    void otherActivitiesLeaveTheBackpackAlone() {
        Backpack backpack = new Backpack();
        backpack.apply(ActivityType.ADD, "a", T0);
        for (ActivityType type : new ActivityType[] {ActivityType.VIEW, ActivityType.LIKE, ActivityType.VISIT}) {
            assertThat(backpack.apply(type, "a", T0)).isFalse();
            assertThat(backpack.apply(type, "b", T0)).isFalse();
        }
        assertThat(backpack.items()).containsOnlyKeys("a");
        assertThat(backpack.size()).isEqualTo(1);
    }
}
