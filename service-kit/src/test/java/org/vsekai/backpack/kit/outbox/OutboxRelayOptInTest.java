package org.vsekai.backpack.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The kit is in every service, but only one that sets {@code backpack.outbox.enabled=true} gets the relay: this
 * application has no outbox table, no reactive SQL pool and no sender, and still starts.
 */
@QuarkusTest
class OutboxRelayOptInTest {

    @Inject
    Instance<OutboxRelay> relay;

    @Test
    void aServiceThatDoesNotOptInHasNoRelay() {
        assertThat(relay.isResolvable()).isFalse();
    }
}
