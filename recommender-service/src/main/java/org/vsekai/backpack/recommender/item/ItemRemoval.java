package org.vsekai.backpack.recommender.item;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.recommender.backpack.BackpackRepository;
import org.vsekai.backpack.recommender.interaction.InteractionRepository;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Applies an item tombstone: the item is marked gone and, in the same transaction, every interaction with it and
 * every backpack entry of it are deleted, so the next training does not learn it and, should a newer record bring
 * the id back, the new item starts with nothing of the old one. Idempotent: a tombstone already applied (or older
 * than the stored record) changes nothing.
 */
@ApplicationScoped
@Startup // its counter exists from the start, at zero, so rates over it are defined
public class ItemRemoval {

    private static final Logger LOG = Logger.getLogger(ItemRemoval.class);

    private final ItemRepository items;
    private final InteractionRepository interactions;
    private final BackpackRepository backpacks;
    private final Counter removed;

    public ItemRemoval(ItemRepository items, InteractionRepository interactions, BackpackRepository backpacks,
            MeterRegistry registry) {
        this.items = items;
        this.interactions = interactions;
        this.backpacks = backpacks;
        this.removed = Counter.builder("backpack.recommender.items.removed")
                .description("Item tombstones applied (an item gone with its interactions and backpack entries)")
                .register(registry);
    }

    /**
     * Emits true when the tombstone applied; once it completes, the deletion is committed.
     *
     * @param at the tombstone's time (its record timestamp): records older than it are refused from now on
     */
    @WithTransaction
    public Uni<Boolean> remove(String itemId, Instant at) {
        return items.markGone(itemId, at, Instant.now()).call(applied -> !applied ? Uni.createFrom().voidItem()
                : interactions.deleteByItem(itemId).flatMap(i -> backpacks.deleteByItem(itemId).map(b -> i + b))
                        .invoke(rows -> {
                            removed.increment();
                            LOG.infof("Item %s is gone (tombstone of %s): %d interactions and backpack entries"
                                    + " deleted", itemId, at, rows);
                        }).replaceWithVoid());
    }
}
