package org.vsekai.backpack.recommender.interaction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;
import org.vsekai.backpack.recommender.backpack.BackpackRepository;
import org.vsekai.backpack.recommender.item.ItemRepository;
import org.vsekai.backpack.recommender.user.UserRepository;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Records interactions exactly once per event id, however often Kafka delivers them, and in the same transaction
 * what they change: the user and the item exist, and Add and Remove open and close backpack entries.
 */
@ApplicationScoped
@Startup // its counters exist from the start, at zero, so rates over them are defined
public class InteractionService {

    private static final Logger LOG = Logger.getLogger(InteractionService.class);

    private final InteractionRepository repository;
    private final UserRepository users;
    private final ItemRepository items;
    private final BackpackRepository backpacks;
    private final InteractionWeights weights;
    private final Counter stored;
    private final Counter duplicates;

    public InteractionService(InteractionRepository repository, UserRepository users, ItemRepository items,
            BackpackRepository backpacks, InteractionWeights weights, MeterRegistry registry) {
        this.repository = repository;
        this.users = users;
        this.items = items;
        this.backpacks = backpacks;
        this.weights = weights;
        this.stored = Counter.builder("backpack.recommender.interactions.stored")
                .description("Interaction events stored").register(registry);
        this.duplicates = Counter.builder("backpack.recommender.interactions.duplicates")
                .description("Interaction events delivered again and ignored").register(registry);
    }

    /** Stores the event and its effects; emits true when it was new (a redelivery changes nothing). */
    @WithTransaction
    public Uni<Boolean> record(InteractionEvent event) {
        return repository.insertIfAbsent(event, weights.weight(event.type()))
                .call(isNew -> isNew ? effects(event) : Uni.createFrom().voidItem())
                .invoke(isNew -> {
                    if (isNew) {
                        stored.increment();
                    } else {
                        duplicates.increment();
                        LOG.debugf("Interaction %s delivered again; ignored", event.eventId());
                    }
                });
    }

    private Uni<Void> effects(InteractionEvent event) {
        Uni<Void> known = users.ensure(event.userId()).chain(() -> items.ensure(event.itemId()));
        return switch (event.type()) {
            case ADD -> known.chain(() -> backpacks.open(event.userId(), event.itemId(), event.published()))
                    .replaceWithVoid();
            case REMOVE -> known.chain(() -> backpacks.close(event.userId(), event.itemId(), event.published()))
                    .replaceWithVoid();
            default -> known;
        };
    }
}
