package org.vsekai.backpack.gateway.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/** The per-client sender on its own, with a transport the test completes by hand (a socket that takes its time). */
class DropOldestTest {

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
    void aBurstWithinTheCapacityArrivesWholeAndInOrder() {
        Transport transport = new Transport();
        DropOldest sender = new DropOldest(3, transport::send);
        for (String message : List.of("1", "2", "3", "4")) {
            sender.offer(message);
        }
        assertThat(sender.counts()).isEqualTo(new DropOldest.Counts(4, 0, 0, 0, 3));
        for (int i = 0; i < 4; i++) {
            transport.completeOldest();
        }
        assertThat(transport.started).containsExactly("1", "2", "3", "4");
        assertThat(sender.counts()).isEqualTo(new DropOldest.Counts(4, 4, 0, 0, 0));
    }

    @Test
    void pastTheCapacityTheOldestWaitingAreDroppedAndCounted() {
        Transport transport = new Transport();
        DropOldest sender = new DropOldest(2, transport::send);
        for (int i = 1; i <= 6; i++) {
            sender.offer(Integer.toString(i));
        }
        assertThat(transport.started).containsExactly("1");
        assertThat(sender.counts()).isEqualTo(new DropOldest.Counts(6, 0, 3, 0, 2));

        transport.completeOldest();
        transport.completeOldest();
        transport.completeOldest();
        assertThat(transport.started).containsExactly("1", "5", "6");
        assertThat(sender.counts()).isEqualTo(new DropOldest.Counts(6, 3, 3, 0, 0));

        sender.offer("7");
        assertThat(transport.started).containsExactly("1", "5", "6", "7");
        assertThat(transport.inFlight).hasSize(1);
    }

    @Test
    void aFailedSendIsCountedAndTheWaitingMessageStillGoes() {
        Transport transport = new Transport();
        DropOldest sender = new DropOldest(1, transport::send);
        sender.offer("a");
        sender.offer("b");
        transport.failOldest();
        assertThat(transport.started).containsExactly("a", "b");
        transport.completeOldest();
        assertThat(sender.counts()).isEqualTo(new DropOldest.Counts(2, 1, 0, 1, 0));
    }

    @Test
    void aHeartbeatGoesOnlyWhenNothingIsInFlight() {
        Transport transport = new Transport();
        DropOldest sender = new DropOldest(1, transport::send);
        assertThat(sender.offerIfIdle("beat")).isTrue();
        assertThat(sender.offerIfIdle("beat")).isFalse();
        sender.offer("pose");
        transport.completeOldest();
        transport.completeOldest();
        assertThat(transport.started).containsExactly("beat", "pose");
        assertThat(sender.counts()).isEqualTo(new DropOldest.Counts(2, 2, 0, 0, 0));
    }

    @Test
    void aTransportThatThrowsCountsAsAFailedSend() {
        DropOldest sender = new DropOldest(1, message -> {
            throw new IllegalStateException("no socket");
        });
        sender.offer("x");
        sender.offer("y");
        assertThat(sender.counts()).isEqualTo(new DropOldest.Counts(2, 0, 0, 2, 0));
    }

    @Test
    void aClientHoldsAtLeastOneWaitingMessage() {
        assertThatThrownBy(() -> new DropOldest(0, message -> Uni.createFrom().voidItem()))
                .hasMessageContaining("capacity");
    }
}
