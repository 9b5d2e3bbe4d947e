package org.vsekai.backpack.recommender.interaction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vsekai.backpack.contracts.interaction.InteractionEvent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/** Records interactions exactly once per event id, however often Kafka delivers them. */
@ApplicationScoped
@Startup // its counters exist from the start, at zero, so rates over them are defined
public class InteractionService {

    private static final Logger LOG = Logger.getLogger(InteractionService.class);

    private final InteractionRepository repository;
    private final Counter stored;
    private final Counter duplicates;

    public InteractionService(InteractionRepository repository, MeterRegistry registry) {
        this.repository = repository;
        this.stored = Counter.builder("backpack.recommender.interactions.stored")
                .description("Interaction events stored").register(registry);
        this.duplicates = Counter.builder("backpack.recommender.interactions.duplicates")
                .description("Interaction events delivered again and ignored").register(registry);
    }

    @WithTransaction
    public Uni<Boolean> record(InteractionEvent event) {
        return repository.insertIfAbsent(event).invoke(isNew -> {
            if (isNew) {
                stored.increment();
            } else {
                duplicates.increment();
                LOG.debugf("Interaction %s delivered again; ignored", event.eventId());
            }
        });
    }
}
