package org.vsekai.backpack.gateway.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The event id of a named activity is a function of who did it and what the client called it, nothing else. */
class InteractionEventIdTest {

    @Test
    void theSameActivityOfTheSameActorHasTheSameEventId() {
        assertThat(InteractionService.eventIdOf("user-1", "activity-1"))
                .isEqualTo(InteractionService.eventIdOf("user-1", "activity-1"));
    }

    @Test
    void anotherActorOrAnotherActivityHasAnotherEventId() {
        var eventId = InteractionService.eventIdOf("user-1", "activity-1");

        assertThat(InteractionService.eventIdOf("user-2", "activity-1")).isNotEqualTo(eventId);
        assertThat(InteractionService.eventIdOf("user-1", "activity-2")).isNotEqualTo(eventId);
    }

    @Test
    void actorAndActivityIdCannotBeSplitAnotherWay() {
        assertThat(InteractionService.eventIdOf("a/b", "c"))
                .isNotEqualTo(InteractionService.eventIdOf("a", "b/c"));
    }
}
