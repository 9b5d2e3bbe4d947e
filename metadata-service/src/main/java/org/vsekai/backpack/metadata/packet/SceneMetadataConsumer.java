package org.vsekai.backpack.metadata.packet;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.scene.SceneMetadata;
import org.vsekai.backpack.metadata.item.AttributesPublisher;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Stores the packets of each {@code scene-metadata} event and makes the scene an item ({@link SceneItems}). The
 * record is acknowledged only when the returned Uni completes, that is after the write committed; a failure nacks it
 * to {@code scene-metadata.dlq}.
 */
@ApplicationScoped
public class SceneMetadataConsumer {

    private static final Logger LOG = Logger.getLogger(SceneMetadataConsumer.class);

    private final ScenePacketStore store;
    private final SceneItems sceneItems;
    private final AttributesPublisher attributes;
    private final PacketStoreConfig config;

    public SceneMetadataConsumer(ScenePacketStore store, SceneItems sceneItems, AttributesPublisher attributes,
                                 PacketStoreConfig config) {
        this.store = store;
        this.sceneItems = sceneItems;
        this.attributes = attributes;
        this.config = config;
    }

    @Incoming(Topics.SCENE_METADATA_NAME)
    public Uni<Void> consume(SceneMetadata metadata) {
        if (metadata == null) {
            return Uni.createFrom().voidItem(); // a tombstone: nothing was sent, nothing to store
        }
        return Uni.createFrom().item(metadata)
                .invoke(PacketRules::check)
                // JSON-LD expansion blocks (under the processor's time limit): off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(sceneItems::describe)
                .chain(item -> store.storeOnce(metadata, item, Instant.now().truncatedTo(ChronoUnit.MICROS)))
                // An invalid event stays invalid; anything else (connection, serialization conflict) may pass later.
                .onFailure(failure -> !(failure instanceof InvalidSceneMetadataException))
                .retry().withBackOff(config.initialBackoff()).atMost(config.retries())
                .invoke(stored -> {
                    if (stored) {
                        attributes.sendCommitted();
                        LOG.infof("Stored %d packets of scene %s (event %s)", metadata.packets().size(),
                                metadata.sceneId(), metadata.eventId());
                    } else {
                        LOG.debugf("Event %s was stored before; skipped", metadata.eventId());
                    }
                })
                .onFailure().invoke(failure -> LOG.warnf("Event %s of scene %s goes to the dead-letter topic: %s",
                        metadata.eventId(), metadata.sceneId(), failure.getMessage()))
                .replaceWithVoid();
    }
}
