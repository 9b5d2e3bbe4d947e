package org.vsekai.backpack.recommender.privacy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.Topics;
import org.vsekai.backpack.kit.sql.ProcessedEvents;
import org.vsekai.backpack.recommender.backpack.BackpackRepository;
import org.vsekai.backpack.recommender.interaction.InteractionRepository;
import org.vsekai.backpack.recommender.item.ItemRepository;
import org.vsekai.backpack.recommender.user.UserRepository;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Deletes what the recommender keeps of an erased user (docs/adr/0007): their interactions, backpack history and
 * user row; and of a gone item (its tombstone on item-attributes, sent because its owner was erased): every
 * interaction with it and backpack entry of it, the item row staying as a marker. Each in one transaction, once:
 * an erasure by its event id, a tombstone by its time.
 */
@ApplicationScoped
@Startup // its counters exist from the start, at zero, so rates over them are defined
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final InteractionRepository interactions;
    private final BackpackRepository backpacks;
    private final UserRepository users;
    private final ItemRepository items;
    private final Counter erased;
    private final Counter removed;

    public ErasureService(InteractionRepository interactions, BackpackRepository backpacks, UserRepository users,
            ItemRepository items, MeterRegistry registry) {
        this.interactions = interactions;
        this.backpacks = backpacks;
        this.users = users;
        this.items = items;
        this.erased = Counter.builder("backpack.recommender.erasures")
                .description("User erasures applied (redeliveries included)").register(registry);
        this.removed = Counter.builder("backpack.recommender.items.removed")
                .description("Item tombstones applied (an item gone with its interactions and backpack entries)")
                .register(registry);
    }

    /** What one erasure event did; {@code applied} is false when its id had been applied before. */
    public record Erased(boolean applied, long rows) {
    }

    /**
     * Deletes the user's rows and records the event id, in one transaction; an event applied before deletes
     * nothing, not even what the same user id did since. Once it completes, the deletion is committed.
     */
    @WithTransaction
    public Uni<Erased> eraseUser(UUID eventId, String userId) {
        return Panache.getSession().chain(session -> ProcessedEvents.onceInSession(session, eventId,
                        Topics.USER_ERASURES_NAME, Instant.now().truncatedTo(ChronoUnit.MICROS), new Erased(false, 0),
                        () -> total(() -> interactions.deleteByUser(userId), () -> backpacks.deleteByUser(userId),
                                () -> users.deleteByExternalId(userId))
                                .map(rows -> new Erased(true, rows))
                                .invoke(done -> LOG.infof("Erased user %s (event %s): %d rows deleted", userId,
                                        eventId, done.rows()))))
                .invoke(() -> erased.increment());
    }

    /**
     * Applies an item tombstone: the item is marked gone and every interaction with it and backpack entry of it is
     * deleted, so the next training does not learn it and, should a newer record bring the id back, the new item
     * starts with nothing of the old one. Emits true when it applied; a tombstone applied before (or older than the
     * stored record) changes nothing. Once it completes, the deletion is committed.
     *
     * @param at the tombstone's time (its record timestamp): records older than it are refused from now on
     */
    @WithTransaction
    public Uni<Boolean> eraseItem(String itemId, Instant at) {
        return items.markGone(itemId, at, Instant.now()).call(applied -> !applied ? Uni.createFrom().voidItem()
                : total(() -> interactions.deleteByItem(itemId), () -> backpacks.deleteByItem(itemId))
                        .invoke(rows -> {
                            removed.increment();
                            LOG.infof("Item %s is gone (tombstone of %s): %d interactions and backpack entries"
                                    + " deleted", itemId, at, rows);
                        }));
    }

    /** Runs the deletes one after the other, in the caller's transaction; emits how many rows they deleted. */
    @SafeVarargs
    private static Uni<Long> total(Supplier<Uni<Long>>... deletes) {
        Uni<Long> sum = Uni.createFrom().item(0L);
        for (Supplier<Uni<Long>> delete : deletes) {
            sum = sum.chain(rows -> delete.get().map(more -> rows + more));
        }
        return sum;
    }
}
