package org.vsekai.backpack.kit.outbox;

import io.smallrye.mutiny.Uni;

/** Sends one outbox row; the Uni completes only when the broker has acknowledged the record. */
@FunctionalInterface
public interface OutboxSender {

    Uni<Void> send(OutboxRow row);
}
