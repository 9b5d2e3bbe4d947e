package org.vsekai.backpack.recommender.item;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.recommender.live.LiveState;

import io.smallrye.mutiny.Uni;

/**
 * Reads the compacted {@code item-attributes} topic for each item's kind (the {@code kind} filter) and creator.
 * Idempotent: a record applies only when it is newer than the stored one; acknowledged after the write commits.
 */
@ApplicationScoped
public class ItemAttributesConsumer {

    private static final Logger LOG = Logger.getLogger(ItemAttributesConsumer.class);

    private final ItemRepository items;
    private final LiveState live;

    public ItemAttributesConsumer(ItemRepository items, LiveState live) {
        this.items = items;
        this.live = live;
    }

    @Incoming(Topics.ITEM_ATTRIBUTES_NAME)
    public Uni<Void> consume(ItemAttributes attributes) {
        return live.ready().chain(() -> items.upsertAttributes(attributes)).invoke(applied -> {
            if (applied) {
                live.activity().item(attributes.itemId(), attributes.kind());
            } else {
                LOG.debugf("Attributes of %s from %s are not newer than the stored ones; ignored",
                        attributes.itemId(), attributes.updatedAt());
            }
        }).replaceWithVoid();
    }
}
