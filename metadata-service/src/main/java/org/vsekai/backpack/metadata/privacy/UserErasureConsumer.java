package org.vsekai.backpack.metadata.privacy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.privacy.UserErasure;
import org.vsekai.backpack.kit.privacy.UserErasures;
import org.vsekai.backpack.metadata.item.AttributesPublisher;
import org.vsekai.backpack.metadata.packet.PacketStoreConfig;

import io.smallrye.mutiny.Uni;

/**
 * Applies each {@code user-erasures} event (docs/adr/0007). The record is acknowledged, and its offset committed,
 * only after the delete has committed; an event without a user, or one that keeps failing, goes to
 * {@code user-erasures.dlq}.
 */
@ApplicationScoped
public class UserErasureConsumer {

    private static final Logger LOG = Logger.getLogger(UserErasureConsumer.class);

    private final ErasureStore store;
    private final AttributesPublisher attributes;
    private final PacketStoreConfig config;

    public UserErasureConsumer(ErasureStore store, AttributesPublisher attributes, PacketStoreConfig config) {
        this.store = store;
        this.attributes = attributes;
        this.config = config;
    }

    @Incoming(Topics.USER_ERASURES_NAME)
    public Uni<Void> consume(UserErasure erasure) {
        return UserErasures.consume(erasure, event -> store
                .eraseOnce(event.eventId(), event.userId(), Instant.now().truncatedTo(ChronoUnit.MICROS))
                .onFailure().retry().withBackOff(config.initialBackoff()).atMost(config.retries())
                .invoke(attributes::sendCommitted)
                .invoke(erased -> {
                    if (erased.applied()) {
                        LOG.infof("Erased user %s (event %s): %d items, %d packets", event.userId(),
                                event.eventId(), erased.items().size(), erased.packets());
                    } else {
                        LOG.debugf("Erasure event %s was applied before; skipped", event.eventId());
                    }
                }));
    }
}
