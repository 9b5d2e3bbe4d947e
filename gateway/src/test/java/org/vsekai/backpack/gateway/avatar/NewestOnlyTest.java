package org.vsekai.backpack.gateway.avatar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/** The per-client sender on its own, with a transport the test completes by hand (a socket that takes its time). */
class NewestOnlyTest {

    /** A transport whose sends complete when the test says so. */
    private static final class Transport {
        final List<String> started = new ArrayList<>();
        final List<UniEmitter<? super Void>> inFlight = new ArrayList<>();

        Uni<Void> send(String message) {
            return Uni.createFrom().emitter(emitter -> {
                started.add(message);
                inFlight.add(emitter);
            });
        }

        void completeOldest() {
            inFlight.remove(0).complete(null);
        }

        void failOldest() {
            inFlight.remove(0).fail(new IllegalStateException("closed"));
        }
    }

    @Test
    void whileOneMessageIsInFlightOnlyTheNewestWaitsAndTheRestAreCountedAsDropped() {
        Transport transport = new Transport();
        NewestOnly sender = new NewestOnly(transport::send);

        sender.offer("1");
        sender.offer("2");
        sender.offer("3");
        sender.offer("4");
        assertThat(transport.started).containsExactly("1");
        assertThat(sender.counts()).isEqualTo(new NewestOnly.Counts(4, 0, 2, 0, true));

        transport.completeOldest();
        assertThat(transport.started).containsExactly("1", "4");
        transport.completeOldest();
        assertThat(sender.counts()).isEqualTo(new NewestOnly.Counts(4, 2, 2, 0, false));

        sender.offer("5");
        assertThat(transport.started).containsExactly("1", "4", "5");
        assertThat(transport.inFlight).hasSize(1);
    }

    @Test
    void aFailedSendIsCountedAndTheWaitingMessageStillGoes() {
        Transport transport = new Transport();
        NewestOnly sender = new NewestOnly(transport::send);
        sender.offer("a");
        sender.offer("b");
        transport.failOldest();
        assertThat(transport.started).containsExactly("a", "b");
        transport.completeOldest();
        assertThat(sender.counts()).isEqualTo(new NewestOnly.Counts(2, 1, 0, 1, false));
    }

    @Test
    void aHeartbeatGoesOnlyWhenNothingIsInFlight() {
        Transport transport = new Transport();
        NewestOnly sender = new NewestOnly(transport::send);
        assertThat(sender.offerIfIdle("beat")).isTrue();
        assertThat(sender.offerIfIdle("beat")).isFalse();
        sender.offer("pose");
        transport.completeOldest();
        transport.completeOldest();
        assertThat(transport.started).containsExactly("beat", "pose");
        assertThat(sender.counts()).isEqualTo(new NewestOnly.Counts(2, 2, 0, 0, false));
    }

    @Test
    void aTransportThatThrowsCountsAsAFailedSend() {
        NewestOnly sender = new NewestOnly(message -> {
            throw new IllegalStateException("no socket");
        });
        sender.offer("x");
        sender.offer("y");
        assertThat(sender.counts()).isEqualTo(new NewestOnly.Counts(2, 0, 0, 2, false));
    }
}
