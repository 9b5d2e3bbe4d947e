package org.vsekai.backpack.kit.privacy;

import java.util.function.Function;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.privacy.UserErasure;

import io.smallrye.mutiny.Uni;

/**
 * What every consumer of {@code user-erasures} does around its own erase (docs/adr/0007): a tombstone is nothing to
 * erase, and an event that names no user, or whose erase fails for good, fails the message so that the channel's
 * dead-letter strategy moves it to {@code user-erasures.dlq}. The erase itself (which rows, idempotent by event id)
 * stays in each service.
 */
public final class UserErasures {

    private static final Logger LOG = Logger.getLogger(UserErasures.class);

    private UserErasures() {
    }

    /** Runs {@code erase} for a well-formed event; the returned Uni fails when the record must go to the DLQ. */
    public static Uni<Void> consume(UserErasure erasure, Function<UserErasure, Uni<?>> erase) {
        if (erasure == null) {
            return Uni.createFrom().voidItem(); // a tombstone: nothing to erase
        }
        if (erasure.eventId() == null || erasure.userId() == null || erasure.userId().isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "user-erasures event " + erasure.eventId() + " names no user"));
        }
        return erase.apply(erasure)
                .onFailure().invoke(failure -> LOG.warnf("Erasure event %s goes to the dead-letter topic: %s",
                        erasure.eventId(), failure.getMessage()))
                .replaceWithVoid();
    }
}
