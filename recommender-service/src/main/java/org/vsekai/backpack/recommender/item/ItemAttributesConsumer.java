package org.vsekai.backpack.recommender.item;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.recommender.live.LiveState;
import org.vsekai.backpack.recommender.privacy.ErasureService;

import io.smallrye.mutiny.Uni;

/**
 * Reads the compacted {@code item-attributes} topic for each item's kind (the {@code kind} filter) and creator, and
 * its tombstones (key = item id, no value: the item is gone, its owner was erased). Idempotent: a record or a
 * tombstone applies only when it is newer than what is stored (a tombstone's time is its record timestamp, set
 * when the metadata service sent it, after the erasure committed); acknowledged after the write commits. A
 * tombstone is the topic's normal "delete", never a failure: unreadable records are set aside by the connector
 * (dead-letter topic) before they reach this method, so a null value here is always a tombstone.
 */
@ApplicationScoped
public class ItemAttributesConsumer {

    private static final Logger LOG = Logger.getLogger(ItemAttributesConsumer.class);

    private final ItemRepository items;
    private final ErasureService erasures;
    private final LiveState live;

    public ItemAttributesConsumer(ItemRepository items, ErasureService erasures, LiveState live) {
        this.items = items;
        this.erasures = erasures;
        this.live = live;
    }

    @Incoming(Topics.ITEM_ATTRIBUTES_NAME)
    public Uni<Void> consume(ConsumerRecord<String, ItemAttributes> record) {
        ItemAttributes attributes = record.value();
        return attributes == null ? tombstone(record) : attributes(attributes);
    }

    private Uni<Void> attributes(ItemAttributes attributes) {
        return live.afterCommit(() -> items.upsertAttributes(attributes), applied -> {
            if (applied) {
                live.activity().item(attributes.itemId(), attributes.kind());
            } else {
                LOG.debugf("Attributes of %s from %s are not newer than the stored ones; ignored",
                        attributes.itemId(), attributes.updatedAt());
            }
        });
    }

    private Uni<Void> tombstone(ConsumerRecord<String, ItemAttributes> record) {
        String itemId = record.key();
        if (itemId == null || itemId.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "item-attributes record without value and without key at offset " + record.offset()));
        }
        // No timestamp (a very old record format) cannot say what it is newer than: now is the safe side.
        Instant at = record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
        return live.afterCommit(() -> erasures.eraseItem(itemId, at), applied -> {
            if (applied) {
                // After the commit: from now on no snapshot trained before this moment serves the item.
                live.activity().remove(itemId, Instant.now());
            } else {
                LOG.debugf("Tombstone of %s from %s is not newer than the stored record; ignored", itemId, at);
            }
        });
    }
}
