package org.vsekai.backpack.recommender.privacy;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.recommender.backpack.BackpackRepository;
import org.vsekai.backpack.recommender.interaction.InteractionRepository;
import org.vsekai.backpack.recommender.user.UserRepository;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Deletes a user's rows: their interactions, backpack history and user row. Idempotent: again, it deletes nothing. */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final InteractionRepository interactions;
    private final BackpackRepository backpacks;
    private final UserRepository users;
    private final Counter erased;

    public ErasureService(InteractionRepository interactions, BackpackRepository backpacks, UserRepository users,
            MeterRegistry registry) {
        this.interactions = interactions;
        this.backpacks = backpacks;
        this.users = users;
        this.erased = Counter.builder("backpack.recommender.erasures")
                .description("User erasures applied (redeliveries included)").register(registry);
    }

    /** Emits the number of rows deleted; once it completes, the deletion is committed. */
    @WithTransaction
    public Uni<Long> erase(String userId) {
        return interactions.deleteByUser(userId)
                .flatMap(i -> backpacks.deleteByUser(userId).map(b -> i + b))
                .flatMap(ib -> users.deleteByExternalId(userId).map(u -> ib + u))
                .invoke(rows -> {
                    erased.increment();
                    LOG.infof("Erased user %s: %d rows deleted at %s", userId, rows, Instant.now());
                });
    }
}
