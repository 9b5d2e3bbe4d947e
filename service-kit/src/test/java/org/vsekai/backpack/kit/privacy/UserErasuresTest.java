package org.vsekai.backpack.kit.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.vsekai.backpack.contracts.privacy.UserErasure;

import io.smallrye.mutiny.Uni;

/** The part of consuming user-erasures that every service shares. */
class UserErasuresTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<String> erased = new ArrayList<>();

    private Uni<Void> erase(UserErasure erasure) {
        erased.add(erasure.userId());
        return Uni.createFrom().voidItem();
    }

    @Test
    void aWellFormedEventIsErased() {
        UserErasures.consume(event(UUID.randomUUID(), "user-1"), this::erase).await().atMost(WAIT);

        assertThat(erased).containsExactly("user-1");
    }

    @Test
    void aTombstoneIsNothingToErase() {
        UserErasures.consume(null, this::erase).await().atMost(WAIT);

        assertThat(erased).isEmpty();
    }

    @Test
    void anEventThatNamesNoUserFailsWithoutErasing() {
        for (UserErasure bad : List.of(event(UUID.randomUUID(), null), event(UUID.randomUUID(), " "),
                event(null, "user-1"))) {
            assertThatThrownBy(() -> UserErasures.consume(bad, this::erase).await().atMost(WAIT))
                    .hasMessageContaining("names no user");
        }
        assertThat(erased).isEmpty();
    }

    @Test
    void aFailedEraseFailsTheMessage() {
        assertThatThrownBy(() -> UserErasures.consume(event(UUID.randomUUID(), "user-1"),
                erasure -> Uni.createFrom().failure(new IllegalStateException("database away")))
                .await().atMost(WAIT)).hasMessageContaining("database away");
    }

    private static UserErasure event(UUID id, String user) {
        return new UserErasure(UserErasure.CURRENT_VERSION, id, user, "admin", Instant.now());
    }
}
