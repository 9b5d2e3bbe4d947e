package org.vsekai.backpack.metadata.item;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.contracts.metadata.ItemAttributes;
import org.vsekai.backpack.kit.outbox.Outbox;
import org.vsekai.backpack.kit.outbox.OutboxRelay;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Publishes {@code item-attributes} records, keyed by item id, through the outbox (docs/adr/0008): the record is
 * written in the caller's transaction and sent by the relay once committed. An item that is gone is a tombstone
 * (the item id as key, no value): what a compacted topic deletes a key with, and what the contracts' deserializers
 * read as {@code null} (docs/adr/0007).
 */
@ApplicationScoped
public class AttributesPublisher {

    private final Outbox outbox;
    private final OutboxRelay relay;

    public AttributesPublisher(Outbox outbox, OutboxRelay relay) {
        this.outbox = outbox;
        this.relay = relay;
    }

    /** Adds the record to the outbox on the caller's transaction. */
    public Uni<Void> publish(SqlConnection connection, ItemAttributes event) {
        return outbox.add(connection, Topics.ITEM_ATTRIBUTES_NAME, event.itemId(), event);
    }

    /** Adds one tombstone per item, in order, on the caller's transaction. */
    public Uni<Void> gone(SqlConnection connection, List<String> itemIds) {
        return Multi.createFrom().iterable(itemIds)
                .onItem().transformToUniAndConcatenate(id -> outbox.add(connection, Topics.ITEM_ATTRIBUTES_NAME,
                        id, null))
                .collect().last()
                .replaceWithVoid();
    }

    /** After a commit: sends what it added now rather than at the relay's next tick. */
    public void sendCommitted() {
        relay.wake();
    }
}
