package org.vsekai.backpack.ingest.workflow;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.ingest.sql.Times;

import io.smallrye.mutiny.Uni;

/**
 * The metadata-service's {@code item-attributes}: a scene is an item whose id is the scene id (docs/adr/0007), so an
 * attributes record for it means the scene is indexed. Records of other items, and tombstones, are skipped.
 */
@ApplicationScoped
public class ItemAttributesConsumer {

    private static final Logger LOG = Logger.getLogger(ItemAttributesConsumer.class);

    private final SceneProgress progress;

    public ItemAttributesConsumer(SceneProgress progress) {
        this.progress = progress;
    }

    @Incoming(Topics.ITEM_ATTRIBUTES_NAME)
    public Uni<Void> consume(ItemAttributes attributes) {
        UUID sceneId = attributes == null ? null : sceneIdOf(attributes.itemId());
        if (sceneId == null) {
            return Uni.createFrom().voidItem();
        }
        return progress.indexed(attributes.eventId(), Topics.ITEM_ATTRIBUTES_NAME, sceneId, Times.now())
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(5)
                .invoke(state -> {
                    if (state != null) {
                        LOG.infof("Scene %s indexed: it is %s", sceneId, state);
                    }
                })
                .replaceWithVoid();
    }

    private static UUID sceneIdOf(String itemId) {
        try {
            return itemId == null ? null : UUID.fromString(itemId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
